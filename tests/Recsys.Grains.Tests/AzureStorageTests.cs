using Azure.Data.Tables;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Journal;
using Recsys.Storage.Azure;

namespace Recsys.Grains.Tests;

/// <summary>The cluster's store on a real Azurite: the journal in a table, grain state in blobs.</summary>
public sealed class AzureStorageTests(AzureStorageTests.Emulator emulator) : IClassFixture<AzureStorageTests.Emulator>
{
    [SkippableFact]
    public async Task TheJournalKeepsEachUsersPositionsAndRefusesATakenOne()
    {
        var journal = emulator.Journal();
        // Ids that table keys cannot hold as they are.
        foreach (var user in new[] { "plain", "with/slash", "with#hash?and%percent", "tab\tbed" })
        {
            await journal.Append(user, 1, [Events.View(user, "A", "1"), Events.View(user, "B", "2")], CancellationToken.None);
            await journal.Append(user, 3, [Events.View(user, "C", "3")], CancellationToken.None);

            var afterFirst = await journal.Read(user, 1, CancellationToken.None);
            var refused = await Assert.ThrowsAsync<JournalConflictException>(() =>
                journal.Append(user, 2, [Events.View(user, "D", "other-activation")], CancellationToken.None));
            await journal.Trim(user, 2, CancellationToken.None);

            Assert.Equal([(2L, "2"), (3L, "3")], afterFirst.Select(e => (e.Sequence, e.Event.EventId)));
            Assert.Equal(2, refused.Sequence);
            Assert.Equal(["3"], (await journal.Read(user, 0, CancellationToken.None)).Select(e => e.Event.EventId));
        }
    }

    [SkippableFact]
    public async Task AnAppendOfMoreThanOneTransactionIsReadBackWhole()
    {
        var journal = emulator.Journal();
        var events = Enumerable.Range(0, 250).Select(i => Events.View("many", "A", $"e{i}")).ToList();

        await journal.Append("many", 1, events, CancellationToken.None);

        Assert.Equal(events.Select(e => e.EventId), (await journal.Read("many", 0, CancellationToken.None)).Select(e => e.Event.EventId));
    }

    [SkippableFact]
    public async Task AcknowledgedEventsAndStateOutliveTheSiloThatHeldThem()
    {
        var storage = emulator.IsolatedConnection();
        await using (var first = await RecsysTestCluster.StartAsync(azureStorage: storage, users: o => o.FlushInterval = TimeSpan.FromHours(1)))
        {
            await first.Grains.GetGrain<IItemGrain>("A").Upsert(Events.Item("A"));
            await first.Grains.GetGrain<IUserGrain>("u").Track([Events.Purchase("u", "A", "b1"), Events.Purchase("u", "B", "b1")]);
        }

        await using var second = await RecsysTestCluster.StartAsync(azureStorage: storage);
        var profile = await second.Grains.GetGrain<IUserGrain>("u").Profile();

        Assert.Equal(2, profile.EventsTracked);
        Assert.True((await second.Grains.GetGrain<IItemGrain>("A").Info()).Known);
        Assert.Equal(0, await second.Service<IEventJournal>().Count(CancellationToken.None));
    }

    public sealed class Emulator : IAsyncLifetime
    {
        private TestAzurite? _azurite;
        private int _next;

        public async Task InitializeAsync()
        {
            if (TestAzurite.MissingReason is null)
            {
                _azurite = await TestAzurite.Start();
            }
        }

        public async Task DisposeAsync()
        {
            if (_azurite is not null)
            {
                await _azurite.DisposeAsync();
            }
        }

        /// <summary>A journal on a table of its own.</summary>
        public AzureTableEventJournal Journal() => new(new TableServiceClient(Running().ConnectionString), $"journal{Interlocked.Increment(ref _next)}");

        /// <summary>The emulator's account; tests keep apart by their own ids and table names.</summary>
        public string IsolatedConnection() => Running().ConnectionString;

        private TestAzurite Running()
        {
            Skip.If(_azurite is null, TestAzurite.MissingReason);
            return _azurite!;
        }
    }
}
