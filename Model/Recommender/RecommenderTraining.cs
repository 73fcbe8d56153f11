using Recsys.Grains.Interfaces;
using Recsys.Model.Data;
using Recsys.Model.Encoders;
using Recsys.Model.Evaluation;
using Recsys.Model.Ranking;
using Recsys.Model.Text;
using Recsys.Model.Tensors;
using static TorchSharp.torch;

namespace Recsys.Model.Recommender;

/// <summary>Trains a <see cref="SequenceRecommender"/> on the baskets before a cutoff: first the training cases
/// and the feature scorer (the learned ranker's MLP on the same cases), then three stages of the network.
/// <list type="number">
/// <item>Early towers: the item tower and user encoder of a scratch network learn retrieval (user · item of
/// every item of a customer's basket against items drawn from the whole universe, from the purchases before
/// it) on the baskets before the middle training cut.</item>
/// <item>Ranking head: binary cross-entropy on the training cases at or after that cut (cut from the history
/// as <see cref="TrainingSetBuilder"/> cuts them for the learned ranker: a customer's next basket after each
/// cut, its candidates and features from the baskets before the cut), with the sampling's logit offsets so the
/// logits stay calibrated. Its vectors come from the frozen early towers, which never saw these cases' baskets:
/// vectors trained on the same baskets fit them far better than they will fit the future, and a head trained
/// on them learns to trust them too much (end-to-end training lost 0.04 NDCG on validation).</item>
/// <item>Final towers: the model's own towers go on from the early ones (keeping the coordinates the head
/// learned) and learn retrieval on every basket of the history, so that recommendations use all of it.</item>
/// </list></summary>
public static class RecommenderTraining
{
    public const string CasesStage = "training cases";

    public const string FeatureScorerStage = "feature scorer";

    /// <param name="baskets">Any baskets; only those before <paramref name="cutoff"/> are read.</param>
    /// <param name="catalog">Titles and categories by item id.</param>
    /// <param name="candidates">Candidate and training-case settings; by default those of the learned ranker,
    /// seeded with the config's seed.</param>
    /// <param name="textEncoder">A BERT checkpoint directory whose frozen encoder and tokenizer read the titles
    /// (<see cref="BertTitleTower"/>); without it a bag of word pieces learned with the model does
    /// (<see cref="BagOfWordPiecesTower"/>).</param>
    /// <exception cref="InvalidOperationException">The history gives no training case, or libtorch is missing or
    /// the device cannot be used.</exception>
    public static TrainedRecommender Train(IEnumerable<Basket> baskets, DateTimeOffset cutoff,
        IReadOnlyDictionary<string, ItemInfo> catalog, RecommenderConfig config, ComputeDevice device,
        RankingOptions? candidates = null, IProgress<TrainingStageProgress>? progress = null,
        string? textEncoder = null, CancellationToken cancellationToken = default)
    {
        TorchRuntime.RequireAvailable(device);
        set_num_threads(Environment.ProcessorCount);
        var onDevice = device.ToTorch();
        var history = baskets.Where(basket => basket.Time < cutoff).ToList();
        history.Sort(Basket.Chronological);
        var options = candidates ?? new RankingOptions { Seed = config.Seed };
        var trainingSet = TrainingSetBuilder.Build(history, cutoff, options, TrainedRecommender.Titles(catalog),
            new StageProgress(CasesStage, progress), cancellationToken);
        if (trainingSet.CaseCount == 0)
        {
            throw new InvalidOperationException(
                $"no training case before {cutoff:u}: {history.Count} baskets give no customer a next basket after a "
                + $"cut at least {options.MinimumHistoryDays} days into the history");
        }

        var featureScorer = ScorerTrainer.Train(trainingSet,
            new ScorerOptions
            {
                HiddenUnits = config.FeatureScorerHiddenUnits, CaseRecencyDays = config.FeatureScorerCaseRecencyDays,
                Seed = config.Seed,
            },
            FeatureScorerStage,
            new StageProgress(FeatureScorerStage, progress), cancellationToken);
        var universe = ItemUniverse.Of(history, catalog);
        var tokenizer = textEncoder is null
            ? new BertTokenizer(WordPieceTrainer.Train(universe.Items.Select(item => item.Title),
                new WordPieceTrainerOptions { VocabularySize = config.TextVocabularySize }))
            : BertTokenizer.Load(textEncoder);
        var pipeline = new FeaturePipeline(cutoff, ItemVocabulary.Of(universe.Items),
            SceneVocabulary.Of(history.Select(basket => RecommendationQuery.For(basket, cutoff))), RankingFeatures.Names,
            featureScorer.Standardisation, options);
        TorchRuntime.Seed((ulong)config.Seed);
        var model = new TrainedRecommender(NewNetwork(), featureScorer, pipeline, tokenizer, device);
        try
        {
            var context = new TrainingContext(model, universe, PurchaseSequences.Of(history, universe),
                new Random(config.Seed), progress, cancellationToken);
            using var itemInputs = universe.ToInputs(pipeline.Items, tokenizer, config.MaxTitleTokens, onDevice);
            var transitions = Transitions(history);
            var headStart = trainingSet.Cuts[trainingSet.Cuts.Count / 2];
            using (var earlyTowers = NewNetwork())
            {
                TrainTowers(context, earlyTowers, itemInputs, transitions.Where(query => query.Time < headStart).ToList(),
                    $"towers before {headStart:yyyy-MM-dd}", config.Epochs);
                TrainHead(context, earlyTowers, itemInputs, trainingSet, headStart);
                // The final towers go on from the early ones, so that the head meets vectors in the coordinates
                // it learned (independently trained towers agree on dot products at best, not on coordinates).
                StateDicts.Load(model.Network, earlyTowers.state_dict()
                    .Where(named => !named.Key.StartsWith(SequenceRecommender.HeadName + ".", StringComparison.Ordinal))
                    .ToDictionary(), strict: false);
            }

            TrainTowers(context, model.Network, itemInputs, transitions, "towers", config.FinalTowerEpochs);
            model.Network.eval();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }

        SequenceRecommender NewNetwork() => new(config, pipeline.Items, pipeline.Scenes,
            textEncoder is null
                ? new BagOfWordPiecesTower(tokenizer.Vocabulary.Count, config.Dimension, tokenizer.ClassifierId,
                    tokenizer.SeparatorId, onDevice)
                : new BertTitleTower(BertEncoder.Load(textEncoder, onDevice), config.Dimension, onDevice),
            RankingFeatures.Count, onDevice);
    }

    /// <summary>Every basket of a customer after their first, as the query of a method asked to predict it from
    /// the purchases before it.</summary>
    private static List<RecommendationQuery> Transitions(IEnumerable<Basket> history)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return history.Where(basket => !seen.Add(basket.CustomerId))
            .Select(basket => RecommendationQuery.For(basket, basket.Time))
            .ToList();
    }

    /// <summary>Trains the item tower, user encoder and retrieval bias of <paramref name="network"/> on the
    /// retrieval loss over the transitions.</summary>
    private static void TrainTowers(TrainingContext context, SequenceRecommender network, ItemInputs itemInputs,
        IReadOnlyList<RecommendationQuery> transitions, string stageName, int epochs)
    {
        var config = context.Config;
        var device = context.Model.TorchDevice;
        using var optimiser = TransformerAdamW.Create(network, config.LearningRate, config.WeightDecay, except: network.Head);
        network.train();
        var order = transitions.ToArray();
        context.RunEpochs(stageName, epochs, order, config.TransitionsPerBatch, batch =>
        {
            var (pairQueries, pairItems, pairLabels) = context.RetrievalPairs(batch);
            var table = network.ItemTable(itemInputs);
            var users = network.UserVectors(table,
                context.Sequences.ToInputs(batch, context.Model.Pipeline.Scenes, config.SequenceLength, device));
            return Update(optimiser, network, config, nn.functional.binary_cross_entropy_with_logits(
                network.RetrievalLogits(table, users, pairQueries, pairItems), pairLabels));
        });
        network.eval();
    }

    /// <summary>Trains the model's ranking head on the cases cut at or after <paramref name="headStart"/>, with
    /// user and item vectors from <paramref name="towers"/>, frozen.</summary>
    private static void TrainHead(TrainingContext context, SequenceRecommender towers, ItemInputs itemInputs,
        TrainingSet trainingSet, DateTimeOffset headStart)
    {
        var config = context.Config;
        var model = context.Model;
        var device = model.TorchDevice;
        var cases = Enumerable.Range(0, trainingSet.CaseCount)
            .Where(c => trainingSet.CaseQueries[c].Cutoff >= headStart)
            .ToArray();
        var caseStarts = trainingSet.CaseStarts();
        var rowItems = Array.ConvertAll(trainingSet.ItemIds,
            itemId => context.Universe.TryGetIndex(itemId, out var index) ? index : context.Universe.PaddingIndex);
        var head = model.Network.Head;
        using var optimiser = TransformerAdamW.Create(head, config.LearningRate, config.WeightDecay);
        using var frozen = FrozenVectors(context, towers, itemInputs, trainingSet.CaseQueries);
        head.train();
        context.RunEpochs("ranking head", config.HeadEpochs, cases, config.CasesPerBatch, batch =>
        {
            var (rows, offsets, labels) = CandidateRows(model.Pipeline.Standardisation, trainingSet, caseStarts,
                rowItems, batch, device);
            var logits = model.Network.RankingLogits(frozen.Items, frozen.Users, rows);
            return Update(optimiser, head, config,
                nn.functional.binary_cross_entropy_with_logits(logits + offsets, labels));
        });
        head.eval();
    }

    /// <summary>One optimiser step on the loss of <paramref name="module"/>'s parameters, gradients clipped;
    /// returns the loss.</summary>
    private static double Update(optim.Optimizer optimiser, nn.Module module, RecommenderConfig config, Tensor loss)
    {
        module.zero_grad();
        loss.backward();
        nn.utils.clip_grad_norm_(module.parameters(), config.MaxGradientNorm);
        optimiser.step();
        return loss.item<float>();
    }

    /// <summary>The item table and the user vector of every case from the towers, without gradients.</summary>
    private static FrozenTowerVectors FrozenVectors(TrainingContext context, SequenceRecommender towers,
        ItemInputs itemInputs, IReadOnlyList<RecommendationQuery> queries)
    {
        const int QueriesPerPass = 256;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        towers.eval();
        var table = towers.ItemTable(itemInputs);
        var users = new List<Tensor>();
        for (var start = 0; start < queries.Count; start += QueriesPerPass)
        {
            var batch = queries.Skip(start).Take(QueriesPerPass).ToList();
            users.Add(towers.UserVectors(table, context.Sequences.ToInputs(batch, context.Model.Pipeline.Scenes,
                context.Config.SequenceLength, context.Model.TorchDevice)));
        }

        return new FrozenTowerVectors(table.DetachFromDisposeScope(), cat(users, 0).DetachFromDisposeScope());
    }

    /// <summary>Every row of the cases: standardised features, case number (the row of its user vector), item,
    /// logit offset, label.</summary>
    private static (CandidateInputs Rows, Tensor Offsets, Tensor Labels) CandidateRows(
        FeatureStandardisation standardisation, TrainingSet trainingSet, int[] caseStarts, int[] rowItems,
        ReadOnlySpan<int> cases, Device device)
    {
        var featureCount = standardisation.Inputs;
        var rowCount = 0;
        foreach (var caseNumber in cases)
        {
            rowCount += caseStarts[caseNumber + 1] - caseStarts[caseNumber];
        }

        var features = new float[rowCount * featureCount];
        var queries = new long[rowCount];
        var items = new long[rowCount];
        var offsets = new float[rowCount];
        var labels = new float[rowCount];
        var r = 0;
        for (var q = 0; q < cases.Length; q++)
        {
            for (var row = caseStarts[cases[q]]; row < caseStarts[cases[q] + 1]; row++, r++)
            {
                standardisation.Apply(trainingSet.FeaturesOf(row), features.AsSpan(r * featureCount, featureCount));
                queries[r] = cases[q];
                items[r] = rowItems[row];
                offsets[r] = trainingSet.LogitOffsets[row];
                labels[r] = trainingSet.Labels[row];
            }
        }

        return (new CandidateInputs(tensor(features, [rowCount, featureCount], device: device),
                tensor(queries, device: device), tensor(items, device: device)),
            tensor(offsets, device: device), tensor(labels, device: device));
    }

    /// <summary>Passes the progress of the learned ranker's stages on as it comes, on the reporting thread.</summary>
    private sealed class StageProgress(string stage, IProgress<TrainingStageProgress>? target) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) =>
            target?.Report(new TrainingStageProgress(stage, value.Completed, value.Total));
    }

    private sealed record FrozenTowerVectors(Tensor Items, Tensor Users) : IDisposable
    {
        public void Dispose()
        {
            Items.Dispose();
            Users.Dispose();
        }
    }

    /// <summary>What every stage shares: the model, its data, the seeded random numbers and the progress.</summary>
    private sealed class TrainingContext(TrainedRecommender model, ItemUniverse universe, PurchaseSequences sequences,
        Random random, IProgress<TrainingStageProgress>? progress, CancellationToken cancellationToken)
    {
        public TrainedRecommender Model => model;

        public RecommenderConfig Config => model.Config;

        public ItemUniverse Universe => universe;

        public PurchaseSequences Sequences => sequences;

        /// <summary>Runs <paramref name="step"/> on seeded shuffles of <paramref name="examples"/> in batches,
        /// one dispose scope per step, reporting the mean loss of each epoch as it goes.</summary>
        /// <param name="step">Takes a batch, updates the weights and returns the loss before the update.</param>
        public void RunEpochs<T>(string stageName, int epochs, T[] examples, int batchSize, Func<T[], double> step)
        {
            var steps = (examples.Length + batchSize - 1) / batchSize;
            var reportEvery = Math.Max(1, steps / 100);
            for (var epoch = 0; epoch < epochs; epoch++)
            {
                var stage = $"{stageName}: epoch {epoch + 1}/{epochs}";
                progress?.Report(new TrainingStageProgress(stage, 0, steps));
                random.Shuffle(examples);
                var lossSum = 0.0;
                for (var s = 0; s < steps; s++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using (NewDisposeScope())
                    {
                        lossSum += step(examples[(s * batchSize)..Math.Min(examples.Length, (s + 1) * batchSize)]);
                    }

                    if ((s + 1) % reportEvery == 0 || s + 1 == steps)
                    {
                        progress?.Report(new TrainingStageProgress(stage, s + 1, steps, lossSum / (s + 1)));
                    }
                }
            }
        }

        /// <summary>For each query, every item of the basket it predicts (label 1) and
        /// <see cref="RecommenderConfig.RetrievalNegatives"/> items drawn uniformly from the universe (label 0).
        /// </summary>
        public (Tensor Queries, Tensor Items, Tensor Labels) RetrievalPairs(IReadOnlyList<RecommendationQuery> queries)
        {
            var pairQueries = new List<long>();
            var pairItems = new List<long>();
            var pairLabels = new List<float>();
            for (var q = 0; q < queries.Count; q++)
            {
                foreach (var item in sequences.NextBasket(queries[q]))
                {
                    Add(q, item, 1);
                }

                for (var n = 0; n < Config.RetrievalNegatives; n++)
                {
                    Add(q, random.Next(universe.Count), 0);
                }
            }

            var device = model.TorchDevice;
            return (tensor(pairQueries.ToArray(), device: device), tensor(pairItems.ToArray(), device: device),
                tensor(pairLabels.ToArray(), device: device));

            void Add(int query, int item, float label)
            {
                pairQueries.Add(query);
                pairItems.Add(item);
                pairLabels.Add(label);
            }
        }
    }
}
