using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Recsys.Runtime.Storage.Sqlite;

/// <summary>Grain state in one SQLite file (write-ahead log mode), one row per grain and state name;
/// the ETag is the row's version number, compared in the UPDATE itself.</summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly SqliteDatabase _database;

    public SqliteGrainStorage(SqliteGrainStorageOptions options)
    {
        _database = new SqliteDatabase(options.Path, options.DurableCommits);
        using var connection = _database.Open();
        SqliteDatabase.Execute(connection, """
            CREATE TABLE IF NOT EXISTS grain_state (
                grain_type TEXT NOT NULL,
                grain_key TEXT NOT NULL,
                state_name TEXT NOT NULL,
                version INTEGER NOT NULL,
                payload BLOB NOT NULL,
                modified_utc TEXT NOT NULL,
                PRIMARY KEY (grain_type, grain_key, state_name)
            ) WITHOUT ROWID;
            """);
    }

    public async Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = Command(connection, "SELECT payload, version FROM grain_state WHERE grain_type = $type AND grain_key = $key AND state_name = $name", grainId, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new StoredState((byte[])reader[0], Etag(reader.GetInt64(1)));
    }

    public async Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        var sql = expectedEtag is null
            ? """
              INSERT INTO grain_state (grain_type, grain_key, state_name, version, payload, modified_utc)
              VALUES ($type, $key, $name, 1, $payload, $modified) ON CONFLICT DO NOTHING
              """
            : """
              UPDATE grain_state SET version = version + 1, payload = $payload, modified_utc = $modified
              WHERE grain_type = $type AND grain_key = $key AND state_name = $name AND version = $version
              """;
        await using var command = Command(connection, sql, grainId, stateName);
        command.Parameters.AddWithValue("$payload", payload.ToArray());
        command.Parameters.AddWithValue("$modified", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        var expectedVersion = ParseEtag(expectedEtag);
        if (expectedVersion is { } version)
        {
            command.Parameters.AddWithValue("$version", version);
        }
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw StorageErrors.EtagMismatch(grainId, stateName, "write", await StoredEtag(connection, grainId, stateName, cancellationToken), expectedEtag);
        }
        return Etag((expectedVersion ?? 0) + 1);
    }

    public async Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        if (ParseEtag(expectedEtag) is not { } version)
        {
            var stored = await StoredEtag(connection, grainId, stateName, cancellationToken);
            if (stored is not null)
            {
                throw StorageErrors.EtagMismatch(grainId, stateName, "clear", stored, expectedEtag);
            }
            return;
        }
        await using var command = Command(connection, "DELETE FROM grain_state WHERE grain_type = $type AND grain_key = $key AND state_name = $name AND version = $version", grainId, stateName);
        command.Parameters.AddWithValue("$version", version);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw StorageErrors.EtagMismatch(grainId, stateName, "clear", await StoredEtag(connection, grainId, stateName, cancellationToken), expectedEtag);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, GrainId grainId, string stateName)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$type", grainId.Type);
        command.Parameters.AddWithValue("$key", grainId.Key);
        command.Parameters.AddWithValue("$name", stateName);
        return command;
    }

    private static async Task<string?> StoredEtag(SqliteConnection connection, GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT version FROM grain_state WHERE grain_type = $type AND grain_key = $key AND state_name = $name", grainId, stateName);
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? Etag(version) : null;
    }

    private static long? ParseEtag(string? etag) =>
        etag is null ? null
        : long.TryParse(etag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version) ? version
        : throw new ArgumentException($"'{etag}' is not an ETag of the SQLite grain storage.", nameof(etag));

    private static string Etag(long version) => version.ToString(CultureInfo.InvariantCulture);
}
