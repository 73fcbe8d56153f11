namespace Recsys.Grains.Popularity;

/// <summary>Keys of <see cref="IPopularityGrain"/>: one grain for the whole shop, one per location.</summary>
public static class PopularityScope
{
    public const string Global = "global";

    public static string ForLocation(string location) => "location:" + location.Trim().ToUpperInvariant();
}
