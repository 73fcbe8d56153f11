using Orleans.Concurrency;

namespace Recsys.Grains.Popularity;

/// <summary>Basket popularity within a scope (see <see cref="PopularityScope"/>).</summary>
[Alias("recsys.IPopularityGrain")]
public interface IPopularityGrain : IGrainWithStringKey
{
    /// <summary>Counts baskets: one entry per distinct item per basket.</summary>
    [Alias("Add")]
    Task Add([Immutable] IReadOnlyList<BasketItem> items);

    /// <summary>The most popular items over the window before <paramref name="at"/>: recent baskets,
    /// then all-time baskets, then id. Interleaves: synchronous and read-only but for its cache.</summary>
    [AlwaysInterleave]
    [Alias("Top")]
    Task<IReadOnlyList<PopularItem>> Top(DateTimeOffset at, int count);
}
