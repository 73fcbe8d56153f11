using Recsys.Model.Data;

namespace Recsys.Model.Evaluation;

/// <summary>What a method may know of a test case: who, where and when, and the cutoff T its history
/// ends at. (The reference baselines measure recency and popularity windows from T.) Device and promotion
/// complete the scene when the data says; Online Retail does not.</summary>
public sealed record RecommendationQuery(
    string CustomerId, string? Country, DateTimeOffset Time, DateTimeOffset Cutoff, string? Device = null,
    bool? OnPromotion = null)
{
    /// <summary>The query of a method asked to predict <paramref name="basket"/> from the history before
    /// <paramref name="cutoff"/>: the basket's customer and scene.</summary>
    public static RecommendationQuery For(Basket basket, DateTimeOffset cutoff) =>
        new(basket.CustomerId, basket.Country, basket.Time, cutoff, basket.Device, basket.OnPromotion);
}
