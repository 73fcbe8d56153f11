using System.Globalization;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Popularity;
using Recsys.Model.Recommenders;

namespace Recsys.Grains.Recommendations;

/// <summary>Short explanations a shopper can read, one per recommended item, for one scene. Locations and
/// devices are printed as the popularity lookup normalised them.</summary>
internal sealed class ReasonWriter(TimeSpan popularityWindow, SceneContext scene)
{
    private readonly string? _location = scene.Location is { } location ? PopularityScope.Label(location) : null;
    private readonly string? _device = scene.Device is { } device ? PopularityScope.Label(device) : null;

    public string Write(ScoredCandidate candidate, RepeatItem? purchases, string? boughtWithTitle, string? promotionId) => candidate.Source switch
    {
        RecommendationSource.Repeat when purchases is not null => purchases.Purchases == 1
            ? $"bought before (on {Day(purchases.LastPurchase)})"
            : $"bought before ({purchases.Purchases} times, last on {Day(purchases.LastPurchase)})",
        RecommendationSource.Repeat => "bought before",
        RecommendationSource.RecentlyViewed => "you looked at it recently",
        RecommendationSource.CoOccurrence when boughtWithTitle is not null => $"often bought with {boughtWithTitle}",
        RecommendationSource.CoOccurrence => "often bought with items you bought",
        RecommendationSource.PopularInLocation => $"popular in {_location} {Window()}",
        RecommendationSource.PopularOnDevice => $"popular on {_device} {Window()}",
        RecommendationSource.Promotion when promotionId is not null => $"on promotion ({promotionId})",
        RecommendationSource.Promotion => "on promotion",
        _ => $"popular {Window()}",
    };

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string Window() => popularityWindow.TotalDays switch
    {
        7 => "this week",
        30 => "this month",
        var days => $"in the last {days.ToString("0.#", CultureInfo.InvariantCulture)} days",
    };
}
