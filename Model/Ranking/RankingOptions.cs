namespace Recsys.Model.Ranking;

/// <summary>Settings of the learned ranker's data: candidate sources and training cases (the scorer's are
/// in <see cref="ScorerOptions"/>).
/// The defaults are the configuration measured in README.md.</summary>
public sealed class RankingOptions
{
    /// <summary>Index of <see cref="ShortPopularityWindowDays"/> among the popularity windows.</summary>
    internal const int ShortPopularityWindow = 0;

    /// <summary>Index of <see cref="LongPopularityWindowDays"/> among the popularity windows.</summary>
    internal const int LongPopularityWindow = 1;

    /// <summary>Recent popularity and trend: baskets of this many days before the cutoff.</summary>
    public double ShortPopularityWindowDays { get; init; } = 7;

    /// <summary>Popularity as POP measures it: baskets of this many days before the cutoff.</summary>
    public double LongPopularityWindowDays { get; init; } = 30;

    /// <summary>Neighbours kept per item in the co-occurrence index.</summary>
    public int ItemNeighbours { get; init; } = 100;

    /// <summary>Neighbours kept per item by title similarity.</summary>
    public int TitleNeighbours { get; init; } = 30;

    /// <summary>The customer's latest baskets the item-kNN source starts from (ITEMKNN's 5).</summary>
    public int ItemKnnRecentBaskets { get; init; } = 5;

    /// <summary>Similar customers the customer-kNN source and features look at.</summary>
    public int SimilarCustomers { get; init; } = 50;

    /// <summary>Own items proposed, the strongest by 90-day repeat score: enough for nearly every customer.</summary>
    public int RepeatCandidates { get; init; } = 200;

    /// <summary>Items the customer never bought proposed by item-kNN.</summary>
    public int ItemKnnCandidates { get; init; } = 100;

    /// <summary>Items the customer never bought proposed by customer-kNN.</summary>
    public int CustomerKnnCandidates { get; init; } = 50;

    /// <summary>Items the customer never bought whose titles match the customer's items best.</summary>
    public int TitleCandidates { get; init; } = 50;

    /// <summary>Items the customer never bought proposed by each popularity list (country over the long
    /// window, everywhere over the short window).</summary>
    public int PopularCandidates { get; init; } = 30;

    /// <summary>Training cases are cut from the history at this many moments, the latest
    /// <see cref="DaysBetweenCuts"/> before the end of the history, each earlier by the same step.</summary>
    public int TrainingCuts { get; init; } = 26;

    public double DaysBetweenCuts { get; init; } = 7;

    /// <summary>No cut earlier than this many days after the first basket: features need some history.</summary>
    public double MinimumHistoryDays { get; init; } = 60;

    /// <summary>Negatives sampled per training case (all its positives are kept).</summary>
    public int NegativesPerCase { get; init; } = 50;

    /// <summary>Seeds the sampling of negatives: same seed, same training set.</summary>
    public int Seed { get; init; } = 17;

    internal IReadOnlyList<double> PopularityWindowDays => [ShortPopularityWindowDays, LongPopularityWindowDays];
}
