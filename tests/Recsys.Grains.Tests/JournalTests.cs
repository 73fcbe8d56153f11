using Microsoft.Data.Sqlite;
using Recsys.Grains.Journal;
using Recsys.Storage.Sqlite;

namespace Recsys.Grains.Tests;

/// <summary>The journal contract, held by the in-memory journal of the tests and by the SQLite journal alike.</summary>
public sealed class JournalTests
{
    public static TheoryData<string> Journals => ["memory", "sqlite"];

    [Theory]
    [MemberData(nameof(Journals))]
    public async Task EventsAreReadBackInOrderAfterAPositionAndTrimmed(string kind)
    {
        using var folder = new TempFolder();
        var journal = Journal(kind, folder);
        await journal.Append("u", 1, [Events.View("u", "A", "1"), Events.View("u", "B", "2")], CancellationToken.None);
        await journal.Append("other", 1, [Events.View("other", "A", "3")], CancellationToken.None);
        await journal.Append("u", 3, [Events.View("u", "C", "4")], CancellationToken.None);

        var afterFirst = await journal.Read("u", 1, CancellationToken.None);
        await journal.Trim("u", 2, CancellationToken.None);

        Assert.Equal([(2L, "2"), (3L, "4")], afterFirst.Select(e => (e.Sequence, e.Event.EventId)));
        Assert.Equal(["4"], (await journal.Read("u", 0, CancellationToken.None)).Select(e => e.Event.EventId));
        Assert.Equal(2, await journal.Count(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Journals))]
    public async Task ASecondAppendAtATakenPositionIsRefusedAndOthersAreNot(string kind)
    {
        using var folder = new TempFolder();
        var journal = Journal(kind, folder);
        await journal.Append("u", 1, [Events.View("u", "A", "1")], CancellationToken.None);

        var conflict = journal.Append("u", 1, [Events.View("u", "B", "other-activation")], CancellationToken.None);
        var bystander = journal.Append("v", 1, [Events.View("v", "B", "2")], CancellationToken.None);

        var refused = await Assert.ThrowsAsync<JournalConflictException>(() => conflict);
        Assert.Equal(1, refused.Sequence);
        Assert.Single(await bystander);
        Assert.Equal(["1"], (await journal.Read("u", 0, CancellationToken.None)).Select(e => e.Event.EventId));
    }

    [Fact]
    public async Task AFileWithTheEarlierGlobalJournalKeepsItsEvents()
    {
        using var folder = new TempFolder();
        var path = folder.File("old.db");
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE event_journal (sequence INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL, payload BLOB NOT NULL);
                INSERT INTO event_journal (sequence, user_id, payload) VALUES
                  (7, 'u', CAST('{"eventId":"e7","userId":"u","itemId":"A","type":"view","timestamp":"2011-06-01T09:00:00+00:00"}' AS BLOB)),
                  (9, 'u', CAST('{"eventId":"e9","userId":"u","itemId":"B","type":"view","timestamp":"2011-06-01T10:00:00+00:00"}' AS BLOB));
                """;
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();

        await using var journal = new SqliteEventJournal(new SqliteDatabase(path));

        Assert.Equal([(7L, "e7"), (9L, "e9")], (await journal.Read("u", 0, CancellationToken.None)).Select(e => (e.Sequence, e.Event.EventId)));
        await Assert.ThrowsAsync<JournalConflictException>(() => journal.Append("u", 9, [Events.View("u", "C", "e10")], CancellationToken.None));
    }

    private static IEventJournal Journal(string kind, TempFolder folder) =>
        kind == "memory" ? new MemoryEventJournal() : new SqliteEventJournal(new SqliteDatabase(folder.File("journal.db")));
}
