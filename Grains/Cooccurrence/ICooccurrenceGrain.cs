using Orleans.Concurrency;

namespace Recsys.Grains.Cooccurrence;

/// <summary>One shard (key: 0 .. shards − 1) of the basket co-occurrence index: the rows of the items
/// it owns, and basket counts of all items. Every shard receives every basket update.</summary>
[Alias("recsys.ICooccurrenceGrain")]
public interface ICooccurrenceGrain : IGrainWithIntegerKey
{
    [Alias("Add")]
    Task Add([Immutable] IReadOnlyList<BasketAddition> additions);

    /// <summary>Cosine neighbours of the given items, which must belong to this shard. Interleaves: it
    /// only reads, in one synchronous step, so it need not wait for a write of the state to finish.</summary>
    [AlwaysInterleave]
    [Alias("Neighbours")]
    Task<NeighbourLists> Neighbours([Immutable] IReadOnlyList<string> itemIds);
}
