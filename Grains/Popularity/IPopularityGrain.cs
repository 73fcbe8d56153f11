using Recsys.Runtime;

namespace Recsys.Grains.Popularity;

/// <summary>Basket popularity within a scope (see <see cref="PopularityScope"/>).</summary>
public interface IPopularityGrain : IGrainWithStringKey
{
    /// <summary>Counts baskets: one entry per distinct item per basket.</summary>
    Task Add(IReadOnlyList<BasketItem> items);

    /// <summary>The most popular items over the window before <paramref name="at"/>: recent baskets,
    /// then all-time baskets, then id. Interleaves: synchronous and read-only but for its cache.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<PopularItem>> Top(DateTimeOffset at, int count);
}
