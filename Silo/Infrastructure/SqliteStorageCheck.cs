using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Recsys.Runtime.Storage.Sqlite;
using Recsys.Silo.Options;

namespace Recsys.Silo.Infrastructure;

/// <summary>The SQLite file that holds grain state and the event journal can be opened and queried.</summary>
internal sealed class SqliteStorageCheck(IOptions<StorageOptions> options) : IHealthCheck
{
    // Opened on the first check and again after a failure, so a folder that becomes writable later heals.
    private SqliteDatabase? _database;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            _database ??= new SqliteDatabase(options.Value.Path, options.Value.DurableCommits);
            await using var connection = _database.Open();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"SQLite file {_database.FullPath} is reachable.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _database = null;
            return HealthCheckResult.Unhealthy($"SQLite file {options.Value.Path} is not reachable: {e.Message}");
        }
    }
}
