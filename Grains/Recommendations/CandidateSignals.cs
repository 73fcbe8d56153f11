using Recsys.Grains.Popularity;

namespace Recsys.Grains.Recommendations;

/// <summary>Everything the strategies know about one user in one scene, before mixing.</summary>
internal sealed record CandidateSignals
{
    public IReadOnlyDictionary<string, double> Repeat { get; init; } = new Dictionary<string, double>();

    public IReadOnlyDictionary<string, double> CoOccurrence { get; init; } = new Dictionary<string, double>();

    public IReadOnlyDictionary<string, double> Engagement { get; init; } = new Dictionary<string, double>();

    public IReadOnlyList<PopularItem> LocationPopular { get; init; } = [];

    public IReadOnlyList<PopularItem> DevicePopular { get; init; } = [];

    public IReadOnlyList<PopularItem> GlobalPopular { get; init; } = [];

    /// <summary>Items on a promotion active in the scene, with that promotion's id.</summary>
    public IReadOnlyDictionary<string, string> ActivePromotions { get; init; } = new Dictionary<string, string>();

    /// <summary>Items on promotion without a campaign.</summary>
    public IReadOnlySet<string> StandingPromotions { get; init; } = new HashSet<string>();
}
