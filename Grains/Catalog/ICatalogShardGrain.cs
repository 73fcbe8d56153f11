using Orleans.Concurrency;
using Recsys.Grains.Interfaces;

namespace Recsys.Grains.Catalog;

/// <summary>One shard (key: 0 .. shards − 1, by <see cref="Recsys.Model.Fnv1aHash.ShardOf"/> of the item id) of the catalog as search reads it:
/// every silo's copy of the search index follows the shards' changes.</summary>
[Alias("recsys.ICatalogShardGrain")]
public interface ICatalogShardGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or replaces the item; durable on return. Interleaves: the entries that arrive while one write
    /// runs go to storage together in the next, so a bulk upsert costs a few writes a shard, not one an item.</summary>
    [AlwaysInterleave]
    [Alias("Put")]
    Task Put([Immutable] ItemInfo item);

    /// <summary>The written entries changed after <paramref name="version"/> of <paramref name="epoch"/> (every written
    /// entry when the epoch is another: the shard's storage started anew), oldest change first, at most
    /// <paramref name="limit"/> of them: a reader asks again from the version of the answer until it is complete.</summary>
    [AlwaysInterleave]
    [Alias("Since")]
    Task<CatalogChanges> Since(Guid epoch, long version, int limit);
}
