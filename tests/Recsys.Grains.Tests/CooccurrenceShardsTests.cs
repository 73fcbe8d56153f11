using System.Text.Json;
using Recsys.Grains.Cooccurrence;
using Recsys.Model.Recommenders;

namespace Recsys.Grains.Tests;

public sealed class CooccurrenceShardsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void ShardsFedTheSplitAdditionsEndAsIfFedEveryAdditionWhole(int shardCount)
    {
        var random = new Random(11);
        var items = Enumerable.Range(0, 60).Select(i => $"item-{i}").ToArray();
        var whole = Shards(shardCount);
        var split = Shards(shardCount);
        for (var batch = 0; batch < 200; batch++)
        {
            // Additions as a user grain publishes them: distinct items joining a basket, in order.
            List<BasketAddition> additions = [];
            foreach (var basket in Enumerable.Range(0, random.Next(1, 4)))
            {
                var basketItems = items.OrderBy(_ => random.Next()).Take(random.Next(1, 25)).ToArray();
                additions.AddRange(basketItems.Select((item, i) => new BasketAddition(item, basketItems[..i])));
            }
            var perShard = CooccurrenceShards.Split(additions, shardCount);
            for (var shard = 0; shard < shardCount; shard++)
            {
                additions.ForEach(a => whole[shard].AddToBasket(a.ItemsBefore, a.ItemId));
                perShard[shard].ForEach(a => split[shard].AddToBasket(a.ItemsBefore, a.ItemId));
            }
        }
        for (var shard = 0; shard < shardCount; shard++)
        {
            Assert.Equal(JsonSerializer.Serialize(whole[shard].ToState()), JsonSerializer.Serialize(split[shard].ToState()));
            foreach (var item in items.Where(whole[shard].OwnsRow))
            {
                Assert.Equal(whole[shard].Neighbours(item), split[shard].Neighbours(item));
            }
        }
    }

    private static CooccurrenceIndex[] Shards(int count) =>
        [.. Enumerable.Range(0, count).Select(shard => new CooccurrenceIndex(shardCount: count, shardIndex: shard, rowLimit: 100))];
}
