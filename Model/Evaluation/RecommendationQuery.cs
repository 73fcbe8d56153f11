namespace Recsys.Model.Evaluation;

/// <summary>What a method may know of a test case: who, where and when, and the cutoff T its history
/// ends at. (The reference baselines measure recency and popularity windows from T.)</summary>
public sealed record RecommendationQuery(
    string CustomerId, string? Country, DateTimeOffset Time, DateTimeOffset Cutoff);
