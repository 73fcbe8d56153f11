using System.Globalization;
using Recsys.Grains.Interfaces;
using Recsys.Model.Recommenders;

namespace Recsys.Grains.Recommendations;

/// <summary>Short explanations a shopper can read, one per recommended item.</summary>
internal static class ReasonWriter
{
    public static string Write(
        ScoredCandidate candidate,
        RepeatItem? purchases,
        string? boughtWithTitle,
        string? location,
        string? promotionId,
        TimeSpan popularityWindow) => candidate.Source switch
    {
        RecommendationSource.Repeat when purchases is not null => purchases.Purchases == 1
            ? $"bought before (on {Day(purchases.LastPurchase)})"
            : $"bought before ({purchases.Purchases} times, last on {Day(purchases.LastPurchase)})",
        RecommendationSource.Repeat => "bought before",
        RecommendationSource.RecentlyViewed => "you looked at it recently",
        RecommendationSource.CoOccurrence when boughtWithTitle is not null => $"often bought with {boughtWithTitle}",
        RecommendationSource.CoOccurrence => "often bought with items you bought",
        RecommendationSource.PopularInLocation => $"popular in {location} {Window(popularityWindow)}",
        RecommendationSource.Promotion when promotionId is not null => $"on promotion ({promotionId})",
        RecommendationSource.Promotion => "on promotion",
        _ => $"popular {Window(popularityWindow)}",
    };

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Window(TimeSpan window) => window.TotalDays switch
    {
        7 => "this week",
        30 => "this month",
        var days => $"in the last {days.ToString("0.#", CultureInfo.InvariantCulture)} days",
    };
}
