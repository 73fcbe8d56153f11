using Recsys.Model.Evaluation;

namespace Recsys.Model.Ranking;

/// <summary>Fits a <see cref="RankingNetwork"/> to a <see cref="TrainingSet"/>: binary cross-entropy of each
/// case's positives and sampled negatives (with the sampling's logit offsets), weighted by the case's recency
/// (<see cref="ScorerOptions.CaseRecencyDays"/>), mini-batches of whole cases in a seeded shuffle, AdamW.
/// Single-threaded, so the same seed and rows give the same weights bit for bit.</summary>
public static class ScorerTrainer
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    /// <param name="progressStage">The stage reported after each epoch, the completed count being epochs.</param>
    public static RankingNetwork Train(TrainingSet trainingSet, ScorerOptions options, string progressStage,
        IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var standardisation = FeatureStandardisation.Fit(trainingSet.Features, RankingFeatures.Count);
        var items = new Vocabulary();
        if (options.ItemBiases)
        {
            foreach (var itemId in trainingSet.ItemIds)
            {
                items.Intern(itemId);
            }
        }

        var network = new RankingNetwork(RankingFeatures.Count, options.HiddenUnits, standardisation, items);
        var itemBiasIndices = Enumerable.Range(0, trainingSet.RowCount)
            .Select(row => network.ItemBiasIndex(trainingSet.ItemIds[row],
                trainingSet.FeaturesOf(row)[(int)RankingFeature.IsRepeat] > 0))
            .ToArray();
        var random = new Random(options.Seed);
        network.Initialise(random);
        var optimiser = new AdamW(network, options);

        var caseStarts = trainingSet.CaseStarts();
        var caseWeights = trainingSet.RecencyWeights(options.CaseRecencyDays);
        var order = Enumerable.Range(0, caseStarts.Length - 1).ToArray();
        var inputs = new float[MaxCaseRows(caseStarts) * RankingFeatures.Count];
        var hiddens = new float[MaxCaseRows(caseStarts) * options.HiddenUnits];
        var logits = new float[MaxCaseRows(caseStarts)];
        progress?.Report(new EvaluationProgress(progressStage, 0, options.Epochs));
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < order.Length; start += options.CasesPerBatch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = order.AsSpan(start, Math.Min(options.CasesPerBatch, order.Length - start));
                var gradient = optimiser.ClearedGradient();
                foreach (var caseNumber in batch)
                {
                    var first = caseStarts[caseNumber];
                    var count = caseStarts[caseNumber + 1] - first;
                    for (var r = 0; r < count; r++)
                    {
                        var input = inputs.AsSpan(r * RankingFeatures.Count, RankingFeatures.Count);
                        standardisation.Apply(trainingSet.FeaturesOf(first + r), input);
                        logits[r] = network.Forward(input, hiddens.AsSpan(r * options.HiddenUnits, options.HiddenUnits),
                            itemBiasIndices[first + r]) + trainingSet.LogitOffsets[first + r];
                    }

                    LogitGradients(logits.AsSpan(0, count), trainingSet.Labels.AsSpan(first, count),
                        caseWeights[caseNumber]);
                    for (var r = 0; r < count; r++)
                    {
                        network.AccumulateGradient(inputs.AsSpan(r * RankingFeatures.Count, RankingFeatures.Count),
                            hiddens.AsSpan(r * options.HiddenUnits, options.HiddenUnits), itemBiasIndices[first + r],
                            logits[r] / batch.Length, gradient);
                    }
                }

                optimiser.Step();
            }

            progress?.Report(new EvaluationProgress(progressStage, epoch + 1, options.Epochs));
        }

        return network;
    }

    /// <summary>Replaces each logit of a case's rows by the derivative of the case's weighted loss with respect
    /// to it.</summary>
    private static void LogitGradients(Span<float> logits, ReadOnlySpan<float> labels, float caseWeight)
    {
        // d BCE / d logit = p − y, summed over the rows of the case.
        for (var r = 0; r < logits.Length; r++)
        {
            logits[r] = caseWeight * (Sigmoid(logits[r]) - labels[r]);
        }
    }

    private static int MaxCaseRows(int[] caseStarts) =>
        Enumerable.Range(0, caseStarts.Length - 1)
            .Select(c => caseStarts[c + 1] - caseStarts[c])
            .DefaultIfEmpty()
            .Max();

    /// <summary>Mean binary cross-entropy of the network on the rows.</summary>
    public static double Loss(RankingNetwork network, TrainingSet trainingSet)
    {
        var total = 0.0;
        for (var row = 0; row < trainingSet.RowCount; row++)
        {
            var logit = network.Score(trainingSet.FeaturesOf(row), trainingSet.ItemIds[row])
                        + trainingSet.LogitOffsets[row];
            var probability = Math.Clamp(Sigmoid(logit), 1e-7f, 1 - 1e-7f);
            total -= trainingSet.Labels[row] > 0 ? Math.Log(probability) : Math.Log(1 - probability);
        }

        return trainingSet.RowCount > 0 ? total / trainingSet.RowCount : 0;
    }

    public static float Sigmoid(float logit) => 1 / (1 + MathF.Exp(-logit));

    /// <summary>Adam with decoupled decay of the weights and item biases (not of the other biases).</summary>
    private sealed class AdamW(RankingNetwork network, ScorerOptions options)
    {
        private readonly float[] gradient = new float[network.Parameters.Length];
        private readonly double[] firstMoment = new double[network.Parameters.Length];
        private readonly double[] secondMoment = new double[network.Parameters.Length];
        private readonly double[] decay = Decay(network, options);
        private int steps;

        public float[] ClearedGradient()
        {
            Array.Clear(gradient);
            return gradient;
        }

        public void Step()
        {
            steps++;
            var parameters = network.Parameters;
            var firstCorrection = 1 - Math.Pow(Beta1, steps);
            var secondCorrection = 1 - Math.Pow(Beta2, steps);
            for (var i = 0; i < parameters.Length; i++)
            {
                firstMoment[i] = Beta1 * firstMoment[i] + (1 - Beta1) * gradient[i];
                secondMoment[i] = Beta2 * secondMoment[i] + (1 - Beta2) * gradient[i] * gradient[i];
                var step = firstMoment[i] / firstCorrection / (Math.Sqrt(secondMoment[i] / secondCorrection) + Epsilon);
                parameters[i] -= (float)(options.LearningRate * (step + decay[i] * parameters[i]));
            }
        }

        private static double[] Decay(RankingNetwork network, ScorerOptions options)
        {
            var decay = new double[network.Parameters.Length];
            foreach (var index in network.WeightIndices)
            {
                decay[index] = options.WeightDecay;
            }

            foreach (var index in network.ItemBiasIndices)
            {
                decay[index] = options.ItemBiasDecay;
            }

            return decay;
        }
    }
}
