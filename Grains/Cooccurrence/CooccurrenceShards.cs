using Recsys.Model.Recommenders;

namespace Recsys.Grains.Cooccurrence;

/// <summary>What each co-occurrence shard needs of a batch of basket additions. Every shard must count
/// the basket of every added item (similarities need the basket counts of all items), but only the shard
/// that owns an item's row needs all the items the basket held before; any other shard only updates the
/// rows it owns, so it is sent just those of the items before. The shards end in the same state as if
/// each had received every addition whole, for a fraction of the work: each item id is hashed once here
/// instead of being interned by every shard.</summary>
internal static class CooccurrenceShards
{
    public static List<BasketAddition>[] Split(IReadOnlyList<BasketAddition> additions, int shardCount)
    {
        var perShard = new List<BasketAddition>[shardCount];
        if (shardCount == 1)
        {
            perShard[0] = [.. additions];
            return perShard;
        }
        for (var shard = 0; shard < shardCount; shard++)
        {
            perShard[shard] = new List<BasketAddition>(additions.Count);
        }
        var owned = new List<string>?[shardCount];
        foreach (var addition in additions)
        {
            var owner = CooccurrenceIndex.ShardOf(addition.ItemId, shardCount);
            Array.Clear(owned);
            foreach (var before in addition.ItemsBefore)
            {
                var shard = CooccurrenceIndex.ShardOf(before, shardCount);
                if (shard != owner)
                {
                    (owned[shard] ??= []).Add(before);
                }
            }
            for (var shard = 0; shard < shardCount; shard++)
            {
                perShard[shard].Add(shard == owner || addition.ItemsBefore.Count == 0
                    ? addition
                    : new BasketAddition(addition.ItemId, (IReadOnlyList<string>?)owned[shard] ?? []));
            }
        }
        return perShard;
    }
}
