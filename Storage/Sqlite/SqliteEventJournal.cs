using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Json;
using Recsys.Grains.Journal;

namespace Recsys.Storage.Sqlite;

/// <summary>The journal in a SQLite file (write-ahead log). Appends from concurrent requests are
/// committed together by one writer (group commit): one transaction per round instead of per
/// request. AUTOINCREMENT keeps positions increasing even after every row was trimmed. Commits wait for
/// the disk as <see cref="SqliteStorageOptions.DurableCommits"/> says, like grain state.</summary>
public sealed class SqliteEventJournal : IEventJournal, IAsyncDisposable
{
    private sealed record PendingAppend(IReadOnlyList<UserEvent> Events, TaskCompletionSource<IReadOnlyList<JournaledEvent>> Done);

    private readonly SqliteDatabase _database;
    private readonly Channel<PendingAppend> _appends = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public SqliteEventJournal(SqliteDatabase database)
    {
        _database = database;
        using (var connection = _database.Open())
        {
            SqliteDatabase.Execute(connection, """
                CREATE TABLE IF NOT EXISTS event_journal (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                    user_id TEXT NOT NULL,
                    payload BLOB NOT NULL
                );
                CREATE INDEX IF NOT EXISTS event_journal_by_user ON event_journal (user_id, sequence);
                """);
        }
        _writer = Task.Run(WriteLoop);
    }

    public async Task<IReadOnlyList<JournaledEvent>> Append(IReadOnlyList<UserEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }
        var pending = new PendingAppend(events, new(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_appends.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteEventJournal), "The event journal is closed.");
        }
        // Not cancellable once queued: the caller may stop waiting, but the events are written.
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<JournaledEvent>> Read(string userId, long afterSequence, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, payload FROM event_journal WHERE user_id = $user AND sequence > $after ORDER BY sequence";
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$after", afterSequence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<JournaledEvent> events = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            var userEvent = JsonSerializer.Deserialize<UserEvent>((byte[])reader[1], RecsysJson.Options)!;
            events.Add(new JournaledEvent(reader.GetInt64(0), userEvent));
        }
        return events;
    }

    public async Task Trim(string userId, long throughSequence, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM event_journal WHERE user_id = $user AND sequence <= $through";
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$through", throughSequence);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> Count(CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM event_journal";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        _appends.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoop()
    {
        await using var connection = _database.Open();
        List<PendingAppend> round = [];
        while (await _appends.Reader.WaitToReadAsync())
        {
            round.Clear();
            while (_appends.Reader.TryRead(out var pending))
            {
                round.Add(pending);
            }
            try
            {
                var results = WriteRound(connection, round);
                for (var i = 0; i < round.Count; i++)
                {
                    round[i].Done.TrySetResult(results[i]);
                }
            }
            catch (Exception exception)
            {
                foreach (var pending in round)
                {
                    pending.Done.TrySetException(exception);
                }
            }
        }
    }

    private static List<IReadOnlyList<JournaledEvent>> WriteRound(SqliteConnection connection, List<PendingAppend> round)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO event_journal (user_id, payload) VALUES ($user, $payload) RETURNING sequence";
        var user = insert.Parameters.Add("$user", SqliteType.Text);
        var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
        List<IReadOnlyList<JournaledEvent>> results = new(round.Count);
        foreach (var pending in round)
        {
            var journaled = new List<JournaledEvent>(pending.Events.Count);
            foreach (var userEvent in pending.Events)
            {
                user.Value = userEvent.UserId;
                payload.Value = JsonSerializer.SerializeToUtf8Bytes(userEvent, RecsysJson.Options);
                journaled.Add(new JournaledEvent((long)insert.ExecuteScalar()!, userEvent));
            }
            results.Add(journaled);
        }
        transaction.Commit();
        return results;
    }

}
