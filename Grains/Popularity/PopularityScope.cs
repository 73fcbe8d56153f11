namespace Recsys.Grains.Popularity;

/// <summary>Keys of <see cref="IPopularityGrain"/>: one grain for the whole shop, one per location and
/// one per device class. Labels are normalised (trimmed, inner white space collapsed) and compared
/// without case, so "germany " and "Germany" count in one grain; reasons print the normalised label.</summary>
public static class PopularityScope
{
    public const string Global = "global";

    public static string ForLocation(string location) => "location:" + Label(location).ToUpperInvariant();

    public static string ForDevice(string device) => "device:" + Label(device).ToUpperInvariant();

    /// <summary>The label as the lookup used it, for reasons: "popular in Germany this month".</summary>
    public static string Label(string value) =>
        string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
