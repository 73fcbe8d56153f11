using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Recsys.Storage.Sqlite;

/// <summary>Opens connections to one SQLite file in write-ahead-log mode, creating the file and its
/// folder on the first open (and again after a failed one, so a folder that becomes writable later
/// heals). Shared by everything the embedded silo keeps on disk.</summary>
/// <remarks>Erased data must not stay readable in the files: every connection zeroes what it deletes
/// (<c>secure_delete</c>), rows are keyed by a hash of their id (<see cref="KeyOf"/>) because b-tree interior pages
/// keep copies of keys after their rows are gone, and <see cref="ScrubWriteAheadLog"/> removes the log's earlier
/// page images.</remarks>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly string _synchronous;
    private readonly Lock _creation = new();
    private bool _created;

    /// <param name="durableCommits">True: every commit waits for the disk (survives power loss).
    /// False: commits survive a process crash; the last ones may be lost on power loss.</param>
    public SqliteDatabase(string path, bool durableCommits = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FullPath = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _synchronous = durableCommits ? "FULL" : "NORMAL";
    }

    public string FullPath { get; }

    /// <summary>The name under which <see cref="KeyOf"/> is callable in the SQL of <see cref="Migrate"/>.</summary>
    public const string KeyFunction = "recsys_key";

    /// <summary>The key a row is stored under: SHA-256 of the id's UTF-8 bytes.</summary>
    public static byte[] KeyOf(string id) => SHA256.HashData(Encoding.UTF8.GetBytes(id));

    public SqliteConnection Open()
    {
        if (!Volatile.Read(ref _created))
        {
            Create();
        }
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // busy_timeout: when another connection holds the write lock, SQLite itself waits and retries
        // within a millisecond or so; without it Microsoft.Data.Sqlite retries every 150 ms (Thread.Sleep),
        // which blocks the grain and an Orleans scheduler thread each time.
        Execute(connection, $"PRAGMA synchronous = {_synchronous}; PRAGMA busy_timeout = 30000; PRAGMA secure_delete = ON;");
        return connection;
    }

    /// <summary>Copies the write-ahead log into the database and truncates it, so that no page image from before a
    /// deletion remains in either file (the deleted content itself was zeroed when it was deleted).</summary>
    /// <exception cref="IOException">Other connections kept the log busy through every attempt.</exception>
    public async Task ScrubWriteAheadLog(CancellationToken cancellationToken)
    {
        const int attempts = 10;
        await using var connection = Open();
        for (var attempt = 1; ; attempt++)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken) && reader.GetInt64(0) == 0)
                {
                    return;
                }
            }
            if (attempt == attempts)
            {
                throw new IOException($"The write-ahead log of {FullPath} stayed busy through {attempts} checkpoints; deleted data may remain in it until the next one.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
        }
    }

    /// <summary>Moves the rows of <paramref name="oldTable"/> into their new table with <paramref name="copySql"/>,
    /// drops it, and rebuilds the file so that nothing of the old layout (ids in clear) remains in it. Nothing when
    /// the old table is absent.</summary>
    public static void Migrate(SqliteConnection connection, string oldTable, string copySql)
    {
        using (var exists = connection.CreateCommand())
        {
            exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
            exists.Parameters.AddWithValue("$name", oldTable);
            if ((long)exists.ExecuteScalar()! == 0)
            {
                return;
            }
        }
        connection.CreateFunction(KeyFunction, (string id) => KeyOf(id), isDeterministic: true);
        using (var transaction = connection.BeginTransaction())
        {
            using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = $"{copySql}; DROP TABLE {oldTable};";
            migrate.ExecuteNonQuery();
            transaction.Commit();
        }
        Execute(connection, "VACUUM; PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private void Create()
    {
        lock (_creation)
        {
            if (_created)
            {
                return;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(FullPath)!);
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            Execute(connection, "PRAGMA journal_mode = WAL;");
            Volatile.Write(ref _created, true);
        }
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
