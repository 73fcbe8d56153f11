using Recsys.Model.Evaluation;

namespace Recsys.Model.Ranking;

/// <summary>The learned ranker as methods of the offline evaluation: cuts one <see cref="TrainingSet"/> from
/// the split's history, fits one scorer per variant on it, and ranks the test queries against the whole
/// history.</summary>
public sealed class LearnedRankTrainer : IMethodTrainer
{
    public const string DefaultMethodName = "LEARNED-RANK";

    private readonly RankingOptions options;
    private readonly IReadOnlyList<ScorerVariant> variants;
    private readonly IReadOnlyDictionary<string, string>? itemTitles;
    private readonly IProgress<EvaluationProgress>? progress;

    /// <param name="variants">The scorers to fit, one method each; by default one MLP named
    /// <see cref="DefaultMethodName"/>.</param>
    /// <param name="itemTitles">Item id → title, e.g. the catalog's; without it the title features are 0.</param>
    public LearnedRankTrainer(RankingOptions? options = null, IReadOnlyList<ScorerVariant>? variants = null,
        IReadOnlyDictionary<string, string>? itemTitles = null, IProgress<EvaluationProgress>? progress = null)
    {
        this.itemTitles = itemTitles;
        this.options = options ?? new RankingOptions();
        this.variants = variants ?? [new ScorerVariant(DefaultMethodName, new ScorerOptions())];
        this.progress = progress;
    }

    public string Name => "learned-rank";

    /// <summary>The training set of the last <see cref="Fit"/>.</summary>
    public TrainingSet? LastTrainingSet { get; private set; }

    public IReadOnlyList<LearnedRankMethod> LastMethods { get; private set; } = [];

    public IReadOnlyList<IRecommendationMethod> Fit(EvaluationSplit split, CancellationToken cancellationToken)
    {
        var trainingSet = TrainingSetBuilder.Build(split.History, split.Cutoff, options, itemTitles, progress,
            cancellationToken);
        LastTrainingSet = trainingSet;
        var history = PurchaseHistory.Build(split.History, split.Cutoff, options, itemTitles);
        // Variants that differ only in their explore weight share one scorer.
        var networks = new Dictionary<ScorerOptions, RankingNetwork>();
        LastMethods = variants.Select(variant =>
            {
                if (!networks.TryGetValue(variant.Options, out var network))
                {
                    networks[variant.Options] = network = ScorerTrainer.Train(trainingSet, variant.Options,
                        $"learned-rank: fit {variant.Name}", progress, cancellationToken);
                }

                return new LearnedRankMethod(variant.Name, history, network, variant.ExploreWeight);
            })
            .ToList();
        return LastMethods;
    }
}

/// <summary>A method of the learned ranker: its name, scorer and explore weight (λ of
/// <see cref="ExploreMix"/>).</summary>
public sealed record ScorerVariant(string Name, ScorerOptions Options, double ExploreWeight = 0);
