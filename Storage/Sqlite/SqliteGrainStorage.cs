using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace Recsys.Storage.Sqlite;

/// <summary>Orleans grain state in the SQLite file, one row per grain type, key and state name, written
/// by <see cref="IGrainStorageSerializer"/> (JSON with stable member names). The ETag is the row's
/// version number, compared inside the UPDATE itself: a write or clear against another version is
/// refused with <see cref="InconsistentStateException"/> naming both.</summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly string _name;
    private readonly SqliteDatabase _database;
    private readonly IGrainStorageSerializer _serializer;

    /// <summary>Between grain type, key and state name in the text that is hashed: no id contains it.</summary>
    private const char KeySeparator = '\u001F';

    public SqliteGrainStorage(string name, SqliteDatabase database, IGrainStorageSerializer serializer)
    {
        _name = name;
        _database = database;
        _serializer = serializer;
        using var connection = _database.Open();
        // A rowid table: its interior pages hold row numbers only, never payloads; the key index holds hashes.
        SqliteDatabase.Execute(connection, """
            CREATE TABLE IF NOT EXISTS grain_records (
                key BLOB NOT NULL UNIQUE,
                version INTEGER NOT NULL,
                payload BLOB NOT NULL,
                modified_utc TEXT NOT NULL
            );
            """);
        // Files written before keys were hashed: grain_state keyed by type, key and state name in clear.
        SqliteDatabase.Migrate(connection, "grain_state", $"""
            INSERT OR IGNORE INTO grain_records (key, version, payload, modified_utc)
            SELECT {SqliteDatabase.KeyFunction}(grain_type || char({(int)KeySeparator}) || grain_key || char({(int)KeySeparator}) || state_name), version, payload, modified_utc FROM grain_state
            """);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = _database.Open();
        await using var command = Command(connection, "SELECT payload, version FROM grain_records WHERE key = $key", grainId, stateName);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        grainState.State = _serializer.Deserialize<T>(new BinaryData((byte[])reader[0]))!;
        grainState.ETag = Etag(reader.GetInt64(1));
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.Serialize(grainState.State).ToArray();
        await using var connection = _database.Open();
        var expectedVersion = ParseEtag(grainState.ETag);
        var sql = expectedVersion is null
            ? """
              INSERT INTO grain_records (key, version, payload, modified_utc)
              VALUES ($key, 1, $payload, $modified) ON CONFLICT DO NOTHING
              """
            : """
              UPDATE grain_records SET version = version + 1, payload = $payload, modified_utc = $modified
              WHERE key = $key AND version = $version
              """;
        await using var command = Command(connection, sql, grainId, stateName);
        command.Parameters.AddWithValue("$payload", payload);
        command.Parameters.AddWithValue("$modified", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        if (expectedVersion is { } version)
        {
            command.Parameters.AddWithValue("$version", version);
        }
        if (await command.ExecuteNonQueryAsync() == 0)
        {
            throw await Conflict(connection, grainId, stateName, "write", grainState.ETag);
        }
        grainState.ETag = Etag((expectedVersion ?? 0) + 1);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = _database.Open();
        if (ParseEtag(grainState.ETag) is not { } version)
        {
            if (await StoredEtag(connection, grainId, stateName) is not null)
            {
                throw await Conflict(connection, grainId, stateName, "clear", grainState.ETag);
            }
        }
        else
        {
            await using var command = Command(connection, "DELETE FROM grain_records WHERE key = $key AND version = $version", grainId, stateName);
            command.Parameters.AddWithValue("$version", version);
            if (await command.ExecuteNonQueryAsync() == 0)
            {
                throw await Conflict(connection, grainId, stateName, "clear", grainState.ETag);
            }
        }
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, GrainId grainId, string stateName)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", SqliteDatabase.KeyOf($"{grainId.Type}{KeySeparator}{grainId.Key}{KeySeparator}{stateName}"));
        return command;
    }

    private async Task<InconsistentStateException> Conflict(SqliteConnection connection, GrainId grainId, string stateName, string operation, string? expectedEtag)
    {
        var stored = await StoredEtag(connection, grainId, stateName);
        return new InconsistentStateException(
            $"Storage '{_name}' refused to {operation} state '{stateName}' of grain {grainId}: it was read at version {expectedEtag ?? "(none)"} but the stored version is {stored ?? "(none)"}; another activation wrote in between.",
            stored ?? "(none)", expectedEtag ?? "(none)");
    }

    private static async Task<string?> StoredEtag(SqliteConnection connection, GrainId grainId, string stateName)
    {
        await using var command = Command(connection, "SELECT version FROM grain_records WHERE key = $key", grainId, stateName);
        return await command.ExecuteScalarAsync() is long version ? Etag(version) : null;
    }

    private static long? ParseEtag(string? etag) =>
        etag is null ? null
        : long.TryParse(etag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version) ? version
        : throw new ArgumentException($"'{etag}' is not an ETag of the SQLite grain storage.", nameof(etag));

    private static string Etag(long version) => version.ToString(CultureInfo.InvariantCulture);
}
