using Recsys.Grains.Interfaces;
using Recsys.Grains.Journal;

namespace Recsys.Grains.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public async Task AcknowledgedEventsSurviveACrashBeforeTheStateWasWritten()
    {
        using var folder = new TempFolder();
        // The first silo never writes user state (hour-long flush interval) and is never stopped:
        // for the data, that is a crash right after the acknowledgement.
        var crashed = await GrainsSilo.StartAsync(folder.Path, users: o => o.FlushInterval = TimeSpan.FromHours(1));
        await crashed.Grains.GetGrain<IUserGrain>("u").Track([Events.Purchase("u", "A", "b1"), Events.Purchase("u", "B", "b1")]);

        await using var restarted = await GrainsSilo.StartAsync(folder.Path);
        var profile = await restarted.Grains.GetGrain<IUserGrain>("u").Profile();

        Assert.Equal(2, profile.EventsTracked);
        Assert.Equal(["b1:B", "b1:A"], profile.RecentEvents.Select(e => e.EventId));
    }

    [Fact]
    public async Task StateIsWrittenOnShutdownAndTheJournalTrimmed()
    {
        using var folder = new TempFolder();
        await using (var silo = await GrainsSilo.StartAsync(folder.Path, users: o => o.FlushInterval = TimeSpan.FromHours(1)))
        {
            await silo.Grains.GetGrain<IUserGrain>("u").Track([Events.Purchase("u", "A", "b1")]);
            Assert.Equal(1, await silo.Service<IEventJournal>().Count(CancellationToken.None));
        }

        await using var restarted = await GrainsSilo.StartAsync(folder.Path);
        Assert.Equal(0, await restarted.Service<IEventJournal>().Count(CancellationToken.None));
        Assert.Equal(1, (await restarted.Grains.GetGrain<IUserGrain>("u").Profile()).EventsTracked);
    }

    [Fact]
    public async Task TooManyUnwrittenEventsAreWrittenAtOnce()
    {
        using var folder = new TempFolder();
        await using var silo = await GrainsSilo.StartAsync(folder.Path, users: o =>
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
    public async Task CatalogUpsertsAreDurableAtOnce()
    {
        using var folder = new TempFolder();
        var crashed = await GrainsSilo.StartAsync(folder.Path);
        await crashed.Grains.GetGrain<IItemGrain>("A").Upsert(Events.Item("A", onPromotion: true, "SUMMER"));

        await using var restarted = await GrainsSilo.StartAsync(folder.Path);
        var item = await restarted.Grains.GetGrain<IItemGrain>("A").Info();

        Assert.True(item.Known);
        Assert.Equal(["SUMMER"], item.Item!.PromotionIds);
    }

    [Fact]
    public async Task AnUpsertWithAnotherIdIsRefused()
    {
        await using var silo = await GrainsSilo.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => silo.Grains.GetGrain<IItemGrain>("A").Upsert(Events.Item("B")));

        Assert.Contains("'B'", error.Message);
    }
}
