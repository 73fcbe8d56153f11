using Recsys.Grains.Catalog;
using Recsys.Grains.Interfaces;

namespace Recsys.Grains.Tests;

public sealed class CatalogShardTests
{
    [Fact]
    public async Task ChangesAreReadPageByPageOldestFirstAndAReplacedItemComesOnce()
    {
        await using var silo = await RecsysTestCluster.StartAsync();
        var shard = silo.Grains.GetGrain<ICatalogShardGrain>(0);
        foreach (var id in new[] { "a", "b", "c", "d", "e" })
        {
            await shard.Put(Events.Item(id));
        }
        await shard.Put(Events.Item("b") with { Title = "B again" });

        var first = await shard.Since(Guid.Empty, 0, limit: 2);
        var second = await shard.Since(first.Epoch, first.Version, limit: 2);
        var last = await shard.Since(second.Epoch, second.Version, limit: 2);
        var nothing = await shard.Since(last.Epoch, last.Version, limit: 2);

        Assert.Equal(["a", "c"], first.Items.Select(i => i.Id));
        Assert.Equal(["d", "e"], second.Items.Select(i => i.Id));
        Assert.Equal(["b"], last.Items.Select(i => i.Id));
        Assert.Equal([false, false, true], new[] { first.Complete, second.Complete, last.Complete });
        Assert.Equal("B again", last.Items[0].Title);
        Assert.Equal(6, last.Version);
        Assert.Empty(nothing.Items);
        Assert.True(nothing.Complete);
    }

    [Fact]
    public async Task ASilosIndexReadsEveryPageOfAShard()
    {
        await using var silo = await RecsysTestCluster.StartAsync(search: o => (o.CatalogShards, o.CatalogPageSize) = (1, 3));
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => silo.Grains.GetGrain<IItemGrain>($"jug{i}").Upsert(Events.Item($"jug{i}") with { Title = "Enamel jug" })));

        var found = await silo.Grains.GetGrain<ISearchGrain>(0).Search(new SearchRequest { Query = "enamel jug", Count = 20 });

        Assert.Equal(10, found.Items.Count);
    }

    [Fact]
    public async Task AReaderOfAnotherEpochGetsEverythingAgain()
    {
        await using var silo = await RecsysTestCluster.StartAsync();
        var shard = silo.Grains.GetGrain<ICatalogShardGrain>(1);
        await shard.Put(Events.Item("a"));
        await shard.Put(Events.Item("b"));

        var current = await shard.Since(Guid.Empty, 0, limit: 10);
        var stale = await shard.Since(Guid.NewGuid(), current.Version, limit: 10);

        Assert.Equal(["a", "b"], stale.Items.Select(i => i.Id));
        Assert.Equal(current.Epoch, stale.Epoch);
    }
}
