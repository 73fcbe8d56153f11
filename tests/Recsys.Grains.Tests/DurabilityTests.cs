using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Grains.Journal;

namespace Recsys.Grains.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public async Task AcknowledgedEventsSurviveACrashBeforeTheStateWasWritten()
    {
        using var running = new TempFolder();
        using var crashed = new TempFolder();
        // The silo never writes user state (hour-long flush interval). The files copied while it runs are
        // what a kill -9 would leave behind: every acknowledged commit, nothing written on the way out.
        await using (var silo = await RecsysTestCluster.StartAsync(running.Path, users: o => o.FlushInterval = TimeSpan.FromHours(1)))
        {
            await silo.Grains.GetGrain<IUserGrain>("u").Track([Events.Purchase("u", "A", "b1"), Events.Purchase("u", "B", "b1")]);
            CopyDatabase(running.Path, crashed.Path);
        }

        await using var restarted = await RecsysTestCluster.StartAsync(crashed.Path);
        var profile = await restarted.Grains.GetGrain<IUserGrain>("u").Profile();

        Assert.Equal(2, profile.EventsTracked);
        Assert.Equal(["b1:B", "b1:A"], profile.RecentEvents.Select(e => e.EventId));
        Assert.Equal(2, (await restarted.Grains.GetGrain<IItemGrain>("A").Info()).Popularity.Purchases
            + (await restarted.Grains.GetGrain<IItemGrain>("B").Info()).Popularity.Purchases, 9);
    }

    [Fact]
    public async Task AReplayedEventIsStillADuplicateWhenSentAgain()
    {
        using var running = new TempFolder();
        using var crashed = new TempFolder();
        var purchase = Events.Purchase("u", "A", "b1");
        await using (var silo = await RecsysTestCluster.StartAsync(running.Path, users: o => o.FlushInterval = TimeSpan.FromHours(1)))
        {
            await silo.Grains.GetGrain<IUserGrain>("u").Track([purchase]);
            CopyDatabase(running.Path, crashed.Path);
        }

        await using var restarted = await RecsysTestCluster.StartAsync(crashed.Path);
        var retry = await restarted.Grains.GetGrain<IUserGrain>("u").Track([purchase]);

        Assert.Equal(new TrackResult { Duplicates = 1 }, retry);
        Assert.Equal(1, (await restarted.Grains.GetGrain<IUserGrain>("u").Profile()).EventsTracked);
    }

    [Fact]
    public async Task StateIsWrittenOnShutdownAndTheJournalTrimmed()
    {
        using var folder = new TempFolder();
        await using (var silo = await RecsysTestCluster.StartAsync(folder.Path, users: o => o.FlushInterval = TimeSpan.FromHours(1)))
        {
            await silo.Grains.GetGrain<IUserGrain>("u").Track([Events.Purchase("u", "A", "b1")]);
            Assert.Equal(1, await silo.Service<IEventJournal>().Count(CancellationToken.None));
        }

        await using var restarted = await RecsysTestCluster.StartAsync(folder.Path);
        Assert.Equal(0, await restarted.Service<IEventJournal>().Count(CancellationToken.None));
        Assert.Equal(1, (await restarted.Grains.GetGrain<IUserGrain>("u").Profile()).EventsTracked);
    }

    [Fact]
    public async Task TooManyUnwrittenEventsAreWrittenAtOnce()
    {
        using var folder = new TempFolder();
        await using var silo = await RecsysTestCluster.StartAsync(folder.Path, users: o =>
        {
            o.FlushInterval = TimeSpan.FromHours(1);
            o.MaxUnflushedEvents = 3;
        });
        var user = silo.Grains.GetGrain<IUserGrain>("busy");

        await user.Track([Events.View("busy", "A", "1"), Events.View("busy", "A", "2")]);
        Assert.Equal(2, await silo.Service<IEventJournal>().Count(CancellationToken.None));
        await user.Track([Events.View("busy", "A", "3")]);

        Assert.Equal(0, await silo.Service<IEventJournal>().Count(CancellationToken.None));
    }

    [Fact]
    public async Task TheFlushTimerWritesStateBehind()
    {
        using var folder = new TempFolder();
        await using var silo = await RecsysTestCluster.StartAsync(folder.Path, users: o => o.FlushInterval = TimeSpan.FromMilliseconds(200));
        await silo.Grains.GetGrain<IUserGrain>("u").Track([Events.View("u", "A", "1")]);

        var journal = silo.Service<IEventJournal>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await journal.Count(CancellationToken.None) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, await journal.Count(CancellationToken.None));
    }

    [Fact]
    public async Task CatalogUpsertsAreDurableAtOnce()
    {
        using var running = new TempFolder();
        using var crashed = new TempFolder();
        await using (var silo = await RecsysTestCluster.StartAsync(running.Path))
        {
            await silo.Grains.GetGrain<IItemGrain>("A").Upsert(Events.Item("A", onPromotion: true, "SUMMER"));
            CopyDatabase(running.Path, crashed.Path);
        }

        await using var restarted = await RecsysTestCluster.StartAsync(crashed.Path);
        var item = await restarted.Grains.GetGrain<IItemGrain>("A").Info();

        Assert.True(item.Known);
        Assert.Equal(["SUMMER"], item.Item!.PromotionIds);
    }

    [Fact]
    public async Task AnUpsertWithAnotherIdIsRefused()
    {
        await using var silo = await RecsysTestCluster.StartAsync();

        var error = await Assert.ThrowsAsync<ContractViolationException>(() => silo.Grains.GetGrain<IItemGrain>("A").Upsert(Events.Item("B")));

        Assert.Equal("id", Assert.Single(error.Errors).Field);
        Assert.Contains("'B'", error.Message);
    }

    [Fact]
    public async Task UpsertedItemsAreFoundBySearchAfterACrash()
    {
        using var running = new TempFolder();
        using var crashed = new TempFolder();
        var items = Enumerable.Range(0, 300).Select(i => Events.Item($"lamp{i}") with { Title = $"Brass lamp number{i}" }).ToList();
        await using (var silo = await RecsysTestCluster.StartAsync(running.Path))
        {
            // At once: the catalog shards take them in a few grouped writes, each upsert acknowledged after its own.
            await Task.WhenAll(items.Select(item => silo.Grains.GetGrain<IItemGrain>(item.Id).Upsert(item)));
            CopyDatabase(running.Path, crashed.Path);
        }

        await using var restarted = await RecsysTestCluster.StartAsync(crashed.Path);
        var found = await restarted.Grains.GetGrain<ISearchGrain>(0).Search(new SearchRequest { Query = "brass lamp", Count = SearchRequest.MaxCount });
        var one = await restarted.Grains.GetGrain<ISearchGrain>(0).Search(new SearchRequest { Query = "number217", TypoTolerant = false });

        Assert.Equal(SearchRequest.MaxCount, found.Items.Count);
        Assert.Equal(["lamp217"], one.Items.Select(i => i.ItemId));
        Assert.Equal("Brass lamp number217", one.Items[0].Title);
    }

    [Fact]
    public async Task ItemsStoredBeforeTheCatalogShardsJoinThemWhenTheirGrainActivates()
    {
        using var folder = new TempFolder();
        await using (var silo = await RecsysTestCluster.StartAsync(folder.Path))
        {
            await silo.Grains.GetGrain<IItemGrain>("old").Upsert(Events.Item("old") with { Title = "Pewter candlestick" });
        }
        // What a store written before the shards holds: the item's state without its flag, no shard.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder.Path, RecsysTestCluster.DatabaseFileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                DELETE FROM grain_records WHERE CAST(payload AS TEXT) LIKE '%"entries"%';
                UPDATE grain_records SET payload = CAST(replace(CAST(payload AS TEXT), '"inCatalog":true', '"inCatalog":false') AS BLOB);
                """;
            Assert.Equal(2, command.ExecuteNonQuery());
        }

        await using var restarted = await RecsysTestCluster.StartAsync(folder.Path, search: o => o.RefreshInterval = TimeSpan.Zero);
        var search = restarted.Grains.GetGrain<ISearchGrain>(0);
        var before = await search.Search(new SearchRequest { Query = "candlestick" });
        await restarted.Grains.GetGrain<IItemGrain>("old").Info();
        var after = await search.Search(new SearchRequest { Query = "candlestick" });

        Assert.Empty(before.Items);
        Assert.Equal(["old"], after.Items.Select(i => i.ItemId));
    }

    private static void CopyDatabase(string from, string to)
    {
        // Without -shm: SQLite rebuilds the WAL index from the log, as after a crash.
        foreach (var suffix in new[] { "", "-wal" })
        {
            var source = Path.Combine(from, RecsysTestCluster.DatabaseFileName + suffix);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(to, RecsysTestCluster.DatabaseFileName + suffix));
            }
        }
    }
}
