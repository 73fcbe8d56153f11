using Microsoft.Data.Sqlite;

namespace Recsys.Runtime.Storage.Sqlite;

/// <summary>Opens connections to one SQLite file in write-ahead-log mode, creating the file and its
/// folder when missing. Shared by everything the embedded silo keeps on disk.</summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly string _synchronous;

    /// <param name="durableCommits">True: every commit waits for the disk (survives power loss).
    /// False: commits survive a process crash; the last ones may be lost on power loss.</param>
    public SqliteDatabase(string path, bool durableCommits = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(FullPath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _synchronous = durableCommits ? "FULL" : "NORMAL";
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode = WAL;");
    }

    public string FullPath { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, $"PRAGMA synchronous = {_synchronous};");
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
