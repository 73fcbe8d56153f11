using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Json;
using Recsys.Grains.Journal;

namespace Recsys.Storage.Sqlite;

/// <summary>The journal in the SQLite file (write-ahead log), one row per event keyed by user and position.
/// Appends from concurrent requests are committed together by one writer (group commit): one transaction
/// per round instead of per request, each append in a savepoint of its own so that a refused one (its
/// position taken) leaves the others of the round. Commits wait for the disk as
/// <see cref="SqliteStorageOptions.DurableCommits"/> says, like grain state.</summary>
public sealed class SqliteEventJournal : IEventJournal, IAsyncDisposable
{
    private const int SqliteConstraintUnique = 2067;

    private sealed record PendingAppend(string UserId, long FirstSequence, IReadOnlyList<UserEvent> Events, TaskCompletionSource<IReadOnlyList<JournaledEvent>> Done);

    private readonly SqliteDatabase _database;
    private readonly Channel<PendingAppend> _appends = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public SqliteEventJournal(SqliteDatabase database)
    {
        _database = database;
        using (var connection = _database.Open())
        {
            // A rowid table keyed by a hash of the user id (see SqliteDatabase): erased events leave no copy of
            // the id or of a payload in interior pages.
            SqliteDatabase.Execute(connection, """
                CREATE TABLE IF NOT EXISTS journal_events (
                    user_key BLOB NOT NULL,
                    sequence INTEGER NOT NULL,
                    payload BLOB NOT NULL,
                    UNIQUE (user_key, sequence)
                );
                """);
            // Earlier files: one global sequence (event_journal), then positions per user with ids in clear
            // (user_journal). The global sequence is increasing per user too, so rows keep their numbers.
            foreach (var earlier in new[] { "event_journal", "user_journal" })
            {
                SqliteDatabase.Migrate(connection, earlier, $"""
                    INSERT OR IGNORE INTO journal_events (user_key, sequence, payload)
                    SELECT {SqliteDatabase.KeyFunction}(user_id), sequence, payload FROM {earlier}
                    """);
            }
        }
        _writer = Task.Run(WriteLoop);
    }

    public async Task<IReadOnlyList<JournaledEvent>> Append(string userId, long firstSequence, IReadOnlyList<UserEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }
        var pending = new PendingAppend(userId, firstSequence, events, new(TaskCreationOptions.RunContinuationsAsynchronously));
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
        command.CommandText = "SELECT sequence, payload FROM journal_events WHERE user_key = $user AND sequence > $after ORDER BY sequence";
        command.Parameters.AddWithValue("$user", SqliteDatabase.KeyOf(userId));
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
        command.CommandText = "DELETE FROM journal_events WHERE user_key = $user AND sequence <= $through";
        command.Parameters.AddWithValue("$user", SqliteDatabase.KeyOf(userId));
        command.Parameters.AddWithValue("$through", throughSequence);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> Count(CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM journal_events";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Deletes the user's events, then scrubs the file's write-ahead log. The grain state shares the file,
    /// so state cleared before this call is scrubbed with it.</summary>
    public async Task Erase(string userId, CancellationToken cancellationToken)
    {
        await Trim(userId, long.MaxValue, cancellationToken);
        await _database.ScrubWriteAheadLog(cancellationToken);
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
                var outcomes = WriteRound(connection, round);
                for (var i = 0; i < round.Count; i++)
                {
                    if (outcomes[i] is JournalConflictException conflict)
                    {
                        round[i].Done.TrySetException(conflict);
                    }
                    else
                    {
                        round[i].Done.TrySetResult([.. round[i].Events.Select((e, position) => new JournaledEvent(round[i].FirstSequence + position, e))]);
                    }
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

    /// <returns>Per append of the round: null when written, or the conflict that refused it.</returns>
    private static List<JournalConflictException?> WriteRound(SqliteConnection connection, List<PendingAppend> round)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO journal_events (user_key, sequence, payload) VALUES ($user, $sequence, $payload)";
        var user = insert.Parameters.Add("$user", SqliteType.Blob);
        var sequence = insert.Parameters.Add("$sequence", SqliteType.Integer);
        var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
        List<JournalConflictException?> outcomes = new(round.Count);
        foreach (var pending in round)
        {
            transaction.Save("append");
            try
            {
                for (var i = 0; i < pending.Events.Count; i++)
                {
                    user.Value = SqliteDatabase.KeyOf(pending.UserId);
                    sequence.Value = pending.FirstSequence + i;
                    payload.Value = JsonSerializer.SerializeToUtf8Bytes(pending.Events[i], RecsysJson.Options);
                    insert.ExecuteNonQuery();
                }
                transaction.Release("append");
                outcomes.Add(null);
            }
            catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteConstraintUnique)
            {
                transaction.Rollback("append");
                outcomes.Add(new JournalConflictException(pending.UserId, (long)sequence.Value!));
            }
        }
        transaction.Commit();
        return outcomes;
    }
}
