using Recsys.Grains.Interfaces;
using Recsys.Model.Data;
using Recsys.Model.Evaluation;
using Recsys.Model.Recommender;
using Recsys.Model.Tests.Ranking;
using Recsys.Model.Tensors;

namespace Recsys.Model.Tests.Recommender;

/// <summary>A recommender small enough to train on <see cref="SyntheticShop"/> in a second or two.</summary>
internal static class TinyRecommender
{
    public static readonly DateTimeOffset Cutoff = SyntheticShop.Start.AddDays(150);

    public static readonly RecommenderConfig Config = new()
    {
        Dimension = 8,
        SequenceLength = 6,
        AttentionHeads = 2,
        HeadHiddenUnits = 8,
        TextVocabularySize = 80,
        MaxTitleTokens = 8,
        Epochs = 2,
        FinalTowerEpochs = 1,
        HeadEpochs = 2,
        CasesPerBatch = 8,
        TransitionsPerBatch = 16,
        RetrievalNegatives = 8,
        FeatureScorerHiddenUnits = 4,
    };

    public static IReadOnlyList<Basket> Baskets { get; } = SyntheticShop.Baskets();

    public static IReadOnlyDictionary<string, ItemInfo> Catalog { get; } = SyntheticShop.Titles()
        .ToDictionary(pair => pair.Key, pair => new ItemInfo { Id = pair.Key, Title = pair.Value });

    public static TrainedRecommender Train(RecommenderConfig? config = null, ComputeDevice? device = null,
        IProgress<TrainingStageProgress>? progress = null, string? textEncoder = null) =>
        RecommenderTraining.Train(Baskets, Cutoff, Catalog, config ?? Config, device ?? ComputeDevice.Cpu,
            SyntheticShop.Options, progress, textEncoder);

    /// <summary>The protocol's test queries at <see cref="Cutoff"/>.</summary>
    public static IReadOnlyList<RecommendationQuery> Queries() =>
        EvaluationSplit.Create(Baskets, Cutoff).TestCases.Select(testCase => testCase.Query).ToList();
}
