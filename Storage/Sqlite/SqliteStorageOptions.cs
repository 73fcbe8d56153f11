namespace Recsys.Storage.Sqlite;

/// <summary>The one SQLite file of the embedded silo: grain state and the event journal.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>The database file; created with its folder when missing.</summary>
    public string Path { get; set; } = "recsys-data/recsys.db";

    /// <summary>True: every commit waits for the disk (survives power loss). False (default): commits
    /// survive a crash of the process but the last ones may be lost on power loss.</summary>
    public bool DurableCommits { get; set; }
}
