using System.Diagnostics;
using Recsys.Model.Tensors;
using Recsys.Model.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>Trains a <see cref="MaskedLanguageModel"/> on texts (a catalog's titles and descriptions): BERT's
/// masking (<see cref="TokenMasker"/>), AdamW without decay on biases and LayerNorm, a linear warm-up and decay of
/// the learning rate, and gradient clipping.</summary>
public static class MaskedLanguageModelTrainer
{
    /// <summary>Trains the model in place on its device and leaves it in evaluation mode.</summary>
    /// <param name="progress">Told after every step.</param>
    public static MaskedLanguageModelTrainingReport Train(MaskedLanguageModel model, BertTokenizer tokenizer,
        IReadOnlyList<string> texts, MaskedLanguageModelTrainingOptions? options = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new MaskedLanguageModelTrainingOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        var clock = Stopwatch.StartNew();
        set_num_threads(options.Threads);
        TorchRuntime.Seed((ulong)options.Seed);
        var random = new Random(options.Seed);
        var (corpus, rows) = Tokenize(model, tokenizer, texts, options);
        var masker = new TokenMasker(tokenizer, options.MaskProbability);
        var stepsPerEpoch = (rows.Length + options.BatchSize - 1) / options.BatchSize;
        var schedule = new LinearWarmupSchedule(options.LearningRate,
            (int)(options.WarmupFraction * options.Epochs * stepsPerEpoch), options.Epochs * stepsPerEpoch);
        var device = DeviceOf(model);
        using var optimizer = TransformerAdamW.Create(model, options.LearningRate, options.WeightDecay);
        var epochLosses = new List<double>();
        var step = 0;
        model.train();
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(rows);
            var (lossSum, epochSteps) = (0.0, 0);
            foreach (var (inputs, labels) in MaskedBatches(corpus, rows, options.BatchSize, masker, random))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var (inputIds, attentionMask) = inputs.ToTensors(device);
                model.zero_grad();
                var loss = model.Loss(inputIds, attentionMask, inputs.Matrix(labels, device));
                loss.backward();
                nn.utils.clip_grad_norm_(model.parameters(), options.MaxGradientNorm);
                TransformerAdamW.SetLearningRate(optimizer, schedule.LearningRate(step));
                optimizer.step();
                lossSum += loss.item<float>();
                step++;
                epochSteps++;
                progress?.Report(new TrainingProgress(epoch, options.Epochs, step, schedule.TotalSteps, lossSum / epochSteps));
            }

            epochLosses.Add(lossSum / epochSteps);
        }

        model.zero_grad();
        model.eval();
        return new MaskedLanguageModelTrainingReport(epochLosses, step, rows.Length, clock.Elapsed);
    }

    /// <summary>The loss and accuracy on the texts, masked with <see cref="MaskedLanguageModelTrainingOptions.Seed"/>
    /// (the same masks every time), in evaluation mode and without gradients.</summary>
    public static MaskedLanguageModelEvaluation Evaluate(MaskedLanguageModel model, BertTokenizer tokenizer,
        IReadOnlyList<string> texts, MaskedLanguageModelTrainingOptions? options = null)
    {
        options ??= new MaskedLanguageModelTrainingOptions();
        var random = new Random(options.Seed);
        var (corpus, rows) = Tokenize(model, tokenizer, texts, options);
        var masker = new TokenMasker(tokenizer, options.MaskProbability);
        var device = DeviceOf(model);
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            double lossSum = 0;
            long correct = 0, predicted = 0;
            foreach (var (inputs, labels) in MaskedBatches(corpus, rows, options.BatchSize, masker, random))
            {
                using var scope = NewDisposeScope();
                var (inputIds, attentionMask) = inputs.ToTensors(device);
                var (loss, batchCorrect, batchPredicted) = model.LossAndAccuracy(inputIds, attentionMask, inputs.Matrix(labels, device));
                lossSum += loss.item<float>() * batchPredicted;
                correct += batchCorrect;
                predicted += batchPredicted;
            }

            return new MaskedLanguageModelEvaluation(lossSum / Math.Max(1, predicted), (double)correct / Math.Max(1, predicted), predicted);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>The rows in their order, <paramref name="batchSize"/> at a time, masked.</summary>
    private static IEnumerable<(BertBatch Inputs, long[] Labels)> MaskedBatches(TokenizedTexts corpus, int[] rows, int batchSize,
        TokenMasker masker, Random random)
    {
        for (var start = 0; start < rows.Length; start += batchSize)
        {
            yield return masker.Mask(corpus.Batch(rows.AsSpan(start, Math.Min(batchSize, rows.Length - start))), random);
        }
    }

    /// <returns>The tokenized texts and the rows to use: those with a token besides [CLS] and [SEP], as only they
    /// have something to predict.</returns>
    private static (TokenizedTexts Corpus, int[] Rows) Tokenize(MaskedLanguageModel model, BertTokenizer tokenizer,
        IReadOnlyList<string> texts, MaskedLanguageModelTrainingOptions options)
    {
        var maxLength = Math.Min(options.MaxLength, model.Config.MaxPositionEmbeddings);
        if (tokenizer.Options.ModelMaxLength is { } modelMaxLength)
        {
            maxLength = Math.Min(maxLength, modelMaxLength);
        }

        var corpus = TokenizedTexts.Create(tokenizer, texts, maxLength);
        var rows = Enumerable.Range(0, corpus.Count).Where(row => corpus.LengthOf(row) > 2).ToArray();
        return rows.Length > 0 ? (corpus, rows) : throw new ArgumentException("no text has a token to learn from", nameof(texts));
    }

    private static Device DeviceOf(MaskedLanguageModel model) => model.Bert.Embeddings.WordEmbeddingWeight.device;
}
