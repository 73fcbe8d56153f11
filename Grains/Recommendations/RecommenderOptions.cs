using Recsys.Grains.Hosting;
using Recsys.Model.Recommenders;

namespace Recsys.Grains.Recommendations;

/// <summary>How the non-learned strategies are mixed, and how their aggregates are kept
/// (configuration section "Recsys:Recommender").</summary>
public sealed class RecommenderOptions
{
    public const string SectionName = "Recsys:Recommender";

    /// <summary>Weight of the user's own purchases, decayed exp(-age/90 d) (REPEAT).</summary>
    public double RepeatWeight { get; set; } = 1.0;

    /// <summary>Weight of items often bought with those of the user's last baskets (ITEMKNN).</summary>
    public double CoOccurrenceWeight { get; set; } = 0.5;

    /// <summary>Weight of items the user viewed, clicked or carted recently.</summary>
    public double EngagementWeight { get; set; } = 0.3;

    /// <summary>Weight of popularity in the scene's location over the last <see cref="PopularityWindow"/>.</summary>
    public double LocationPopularityWeight { get; set; } = 0.2;

    /// <summary>Weight of popularity on the scene's device class over the last <see cref="PopularityWindow"/>.</summary>
    public double DevicePopularityWeight { get; set; } = 0.1;

    /// <summary>Weight of global popularity over the last <see cref="PopularityWindow"/>.</summary>
    public double GlobalPopularityWeight { get; set; } = 0.1;

    /// <summary>Boost of items on a promotion that is active in the scene.</summary>
    public double PromotionWeight { get; set; } = 0.3;

    /// <summary>Boost of items on promotion without a named campaign (always active).</summary>
    public double StandingPromotionWeight { get; set; } = 0.05;

    public TimeSpan PopularityWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How many of the most popular items are considered as candidates.</summary>
    public int PopularityCandidates { get; set; } = 100;

    /// <summary>A popularity ranking is reused for this long (rankings are costly and change slowly).</summary>
    public TimeSpan PopularityCacheTtl { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a silo reuses what it read of the shared grains for recommendations: neighbour lists,
    /// popularity rankings, promotions' items and titles (so a change shows within this long); 0 reads them
    /// for every request.</summary>
    public TimeSpan SharedSignalsTtl { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Decay of view/click/cart engagement, in days.</summary>
    public double EngagementDecayDays { get; set; } = 14;

    /// <summary>Half-life of the per-item interaction counters.</summary>
    public TimeSpan ItemCounterHalfLife { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Shards of the co-occurrence index; every shard sees every basket update.</summary>
    public int CoOccurrenceShards { get; set; } = 8;

    /// <summary>Co-occurrence counts an item's row keeps when pruned (a row holds at most one and a half times as
    /// many), so that memory and state stay bounded on a large catalog; 0 keeps rows whole.</summary>
    public int CoOccurrenceRowLimit { get; set; } = 1000;

    public TimeSpan AggregateFlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        foreach (var (name, weight) in new[]
                 {
                     (nameof(RepeatWeight), RepeatWeight), (nameof(CoOccurrenceWeight), CoOccurrenceWeight),
                     (nameof(EngagementWeight), EngagementWeight), (nameof(LocationPopularityWeight), LocationPopularityWeight),
                     (nameof(DevicePopularityWeight), DevicePopularityWeight),
                     (nameof(GlobalPopularityWeight), GlobalPopularityWeight), (nameof(PromotionWeight), PromotionWeight),
                     (nameof(StandingPromotionWeight), StandingPromotionWeight),
                 })
        {
            Require(double.IsFinite(weight) && weight >= 0, name, "a finite number, zero or more");
        }
        Require(PopularityWindow > TimeSpan.Zero && PopularityWindow <= TimeSpan.FromDays(60), nameof(PopularityWindow), "between 0 and 60 days");
        Require(PopularityCandidates is >= 1 and <= 10_000, nameof(PopularityCandidates), "between 1 and 10000");
        Require(PopularityCacheTtl >= TimeSpan.Zero, nameof(PopularityCacheTtl), "zero or more");
        Require(SharedSignalsTtl >= TimeSpan.Zero && SharedSignalsTtl <= TimeSpan.FromHours(1), nameof(SharedSignalsTtl), "between 0 and 1 hour");
        Require(double.IsFinite(EngagementDecayDays) && EngagementDecayDays > 0, nameof(EngagementDecayDays), "positive");
        Require(ItemCounterHalfLife > TimeSpan.Zero, nameof(ItemCounterHalfLife), "positive");
        Require(CoOccurrenceShards is >= 1 and <= 1024, nameof(CoOccurrenceShards), "between 1 and 1024");
        Require(CoOccurrenceRowLimit == 0 || CoOccurrenceRowLimit >= CooccurrenceIndex.DefaultNeighbourCount,
            nameof(CoOccurrenceRowLimit), $"0 (no limit) or at least {CooccurrenceIndex.DefaultNeighbourCount}");
        Require(AggregateFlushInterval > TimeSpan.Zero, nameof(AggregateFlushInterval), "positive");
    }

    private static void Require(bool condition, string name, string rule) => OptionRule.Require(condition, SectionName, name, rule);
}
