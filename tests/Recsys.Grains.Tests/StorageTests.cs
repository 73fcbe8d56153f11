using Microsoft.Data.Sqlite;
using System.Text;
using Orleans.Storage;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Users;
using Recsys.Model.Recommenders;
using Recsys.Storage.Json;
using Recsys.Storage.Sqlite;

namespace Recsys.Grains.Tests;

public sealed class StorageTests
{
    private static readonly GrainId User = GrainId.Create("user", "u1");

    [Fact]
    public async Task StateWrittenIsReadBackAfterARestart()
    {
        using var folder = new TempFolder();
        var written = new GrainState<UserState> { State = SampleState() };
        await Storage(folder).WriteStateAsync("user", User, written);

        var read = new GrainState<UserState>();
        await Storage(folder).ReadStateAsync("user", User, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(2, read.State!.EventIds.Count);
        Assert.Equal(EventIdCheck.Duplicate, read.State.EventIds.Remember("e2", Events.Start, capacity: 10));
        Assert.Equal(2, read.State.Purchases.Items["A"].Purchases);
    }

    [Fact]
    public async Task AWriteAgainstAnOlderVersionIsRefusedNamingBoth()
    {
        using var folder = new TempFolder();
        var storage = Storage(folder);
        var first = new GrainState<UserState> { State = SampleState() };
        await storage.WriteStateAsync("user", User, first);
        var stale = new GrainState<UserState> { State = first.State, ETag = first.ETag, RecordExists = true };
        await storage.WriteStateAsync("user", User, first);

        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("user", User, stale));
        var clearRefused = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("user", User, stale));
        var fresh = new GrainState<UserState> { State = SampleState() };
        var insertRefused = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("user", User, fresh));

        Assert.Contains("read at version 1 but the stored version is 2", refused.Message);
        Assert.Equal("2", refused.StoredEtag);
        Assert.Equal("1", refused.CurrentEtag);
        Assert.Contains("clear", clearRefused.Message);
        Assert.Contains("read at version (none)", insertRefused.Message);
    }

    [Fact]
    public async Task ClearingRemovesTheRecord()
    {
        using var folder = new TempFolder();
        var storage = Storage(folder);
        var state = new GrainState<UserState> { State = SampleState() };
        await storage.WriteStateAsync("user", User, state);

        await storage.ClearStateAsync("user", User, state);
        var read = new GrainState<UserState>();
        await storage.ReadStateAsync("user", User, read);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.False(read.RecordExists);
        Assert.Empty(read.State!.History);
    }

    [Fact]
    public void StoredStateNamesMembersNeverDotNetTypes()
    {
        var json = Encoding.UTF8.GetString(GrainStateJson.CreateSerializer().Serialize(SampleState()));

        Assert.DoesNotContain("$type", json);
        Assert.DoesNotContain("Recsys.", json);
        Assert.Contains("\"eventIds\":{", json);
        Assert.DoesNotContain("\"e1\"", json); // ids are kept as hashes
    }

    [Fact]
    public void EqualStatesGiveEqualBytesWhateverTheOrderTheyWereBuiltIn()
    {
        var serializer = GrainStateJson.CreateSerializer();
        var forward = SampleState();
        var backward = SampleState();
        backward.Purchases = new RepeatProfile();
        backward.Purchases.Add("B", Events.Start);
        backward.Purchases.Add("A", Events.Start);
        backward.Purchases.Add("A", Events.Start.AddDays(1));

        Assert.Equal(serializer.Serialize(forward).ToArray(), serializer.Serialize(backward).ToArray());
    }

    /// <summary>Fixtures/user-state-v1.json is user state as the service stored it before the move to Orleans
    /// (its scene still has the time-zone field removed since): every later version must keep reading it, a
    /// member added since reading as its default and one removed being skipped.</summary>
    [Fact]
    public void StateWrittenByAnEarlierVersionStillReads()
    {
        var json = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "user-state-v1.json"));

        var state = GrainStateJson.CreateSerializer().Deserialize<UserState>(new BinaryData(json))!;

        Assert.Equal(7, state.AppliedSequence);
        Assert.Equal(["e1", "e2"], state.RecentEventIds);
        Assert.Equal("France", state.Scene.Location);
        Assert.Equal(EventType.Purchase, state.History[0].Type);
        Assert.Equal(2, state.Purchases.Items["A"].Purchases);
        Assert.Equal(["A", "B"], state.Baskets.Baskets.Single().Items);
    }

    /// <summary>Files written before keys were hashed held grain keys in clear (grain_state, user_journal): their
    /// rows move to the hashed tables and the file is rebuilt, so the ids are gone from its bytes.</summary>
    [Fact]
    public async Task AFileWithIdsInClearKeepsItsStateAndLosesTheIds()
    {
        using var folder = new TempFolder();
        var path = folder.File("old.db");
        var fixture = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "user-state-v1.json"));
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE grain_state (grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, state_name TEXT NOT NULL, version INTEGER NOT NULL,
                    payload BLOB NOT NULL, modified_utc TEXT NOT NULL, PRIMARY KEY (grain_type, grain_key, state_name)) WITHOUT ROWID;
                INSERT INTO grain_state VALUES ('user', 'secret-user-42', 'user', 3, $payload, '2026-01-01T00:00:00Z');
                CREATE TABLE user_journal (user_id TEXT NOT NULL, sequence INTEGER NOT NULL, payload BLOB NOT NULL, PRIMARY KEY (user_id, sequence)) WITHOUT ROWID;
                INSERT INTO user_journal VALUES ('u', 8, CAST('{"eventId":"e8","userId":"u","itemId":"A","type":"view","timestamp":"2011-06-01T09:00:00+00:00"}' AS BLOB));
                """;
            command.Parameters.AddWithValue("$payload", fixture);
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();

        var database = new SqliteDatabase(path);
        var storage = new SqliteGrainStorage("test", database, GrainStateJson.CreateSerializer());
        await using var journal = new SqliteEventJournal(database);
        var read = new GrainState<UserState>();
        await storage.ReadStateAsync("user", GrainId.Create("user", "secret-user-42"), read);
        SqliteConnection.ClearAllPools();

        Assert.Equal("3", read.ETag);
        Assert.Equal(7, read.State!.AppliedSequence);
        Assert.Equal(["e8"], (await journal.Read("u", 0, CancellationToken.None)).Select(e => e.Event.EventId));
        Assert.All(Directory.GetFiles(folder.Path, "old.db*"), file =>
            Assert.DoesNotContain("secret-user-42", Encoding.Latin1.GetString(File.ReadAllBytes(file)), StringComparison.Ordinal));
    }

    private static SqliteGrainStorage Storage(TempFolder folder) =>
        new("test", new SqliteDatabase(folder.File("state.db")), GrainStateJson.CreateSerializer());

    private static UserState SampleState()
    {
        var state = new UserState { AppliedSequence = 7, EventsTracked = 2 };
        state.EventIds.Remember("e1", Events.Start, capacity: 10);
        state.EventIds.Remember("e2", Events.Start, capacity: 10);
        state.Purchases.Add("A", Events.Start);
        state.Purchases.Add("B", Events.Start);
        state.Purchases.Add("A", Events.Start.AddDays(1));
        return state;
    }
}
