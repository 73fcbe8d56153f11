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

    /// <summary>What Azure keeps of a user (the state blob, journal rows) is sealed with the user's key: no event id in
    /// the stored bytes, and erasing the user destroys the key, so even copies taken before stay unreadable.</summary>
    [SkippableFact]
    public async Task A_users_data_is_sealed_with_their_key_which_erasure_destroys()
    {
        var storage = emulator.IsolatedConnection();
        var user = $"sealed-{Guid.NewGuid():N}";
        var eventId = $"secret-event-{Guid.NewGuid():N}";
        await using var cluster = await RecsysTestCluster.StartAsync(azureStorage: storage, users: o => o.FlushInterval = TimeSpan.FromMilliseconds(50));
        var grain = cluster.Grains.GetGrain<IUserGrain>(user);
        await grain.Track([Events.Purchase(user, "A", "b1") with { EventId = eventId }]);
        await Task.Delay(500); // written behind
        var blob = await StoredBlobText(storage, user) ?? throw new Xunit.Sdk.XunitException($"no blob of {user} was written");
        var keys = new TableServiceClient(storage).GetTableClient(new AzureStorageOptions { ConnectionString = storage }.KeyTable);

        Assert.Equal(1, (await grain.Profile()).EventsTracked);
        Assert.DoesNotContain(eventId, blob, StringComparison.Ordinal);
        Assert.True((await keys.GetEntityIfExistsAsync<TableEntity>(user, "key")).HasValue);

        await grain.Forget();

        Assert.False((await keys.GetEntityIfExistsAsync<TableEntity>(user, "key")).HasValue);
        Assert.Null(await StoredBlobText(storage, user));
        Assert.False((await grain.Profile()).Known);
    }

    private static async Task<string?> StoredBlobText(string connection, string user)
    {
        var container = new Azure.Storage.Blobs.BlobServiceClient(connection).GetBlobContainerClient(new AzureStorageOptions { ConnectionString = connection }.StateContainer);
        await foreach (var item in container.GetBlobsAsync())
        {
            if (item.Name.Contains(user, StringComparison.Ordinal))
            {
                return (await container.GetBlobClient(item.Name).DownloadContentAsync()).Value.Content.ToString();
            }
        }
        return null;
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
        public AzureTableEventJournal Journal()
        {
            var tables = new TableServiceClient(Running().ConnectionString);
            var table = Interlocked.Increment(ref _next);
            return new(tables, $"journal{table}", new UserKeyStore(tables, $"keys{table}"));
        }

        /// <summary>The emulator's account; tests keep apart by their own ids and table names.</summary>
        public string IsolatedConnection() => Running().ConnectionString;

        private TestAzurite Running()
        {
            Skip.If(_azurite is null, TestAzurite.MissingReason);
            return _azurite!;
        }
    }
}
