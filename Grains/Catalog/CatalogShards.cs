using Recsys.Model;

namespace Recsys.Grains.Catalog;

public static class CatalogShards
{
    /// <summary>The shard (0 .. <paramref name="shardCount"/> − 1) that holds an item; the same in every process.</summary>
    public static int Of(string itemId, int shardCount) => Fnv1aHash.ShardOf(itemId, shardCount);
}
