using Microsoft.Data.Sqlite;

namespace Recsys.Storage.Sqlite;

/// <summary>Opens connections to one SQLite file in write-ahead-log mode, creating the file and its
/// folder on the first open (and again after a failed one, so a folder that becomes writable later
/// heals). Shared by everything the embedded silo keeps on disk.</summary>
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
        Execute(connection, $"PRAGMA synchronous = {_synchronous}; PRAGMA busy_timeout = 30000;");
        return connection;
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
