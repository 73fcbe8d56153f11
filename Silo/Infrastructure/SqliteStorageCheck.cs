using Microsoft.Extensions.Diagnostics.HealthChecks;
using Recsys.Storage.Sqlite;

namespace Recsys.Silo.Infrastructure;

/// <summary>The SQLite file that holds grain state and the event journal can be opened and queried. The
/// answer names no path: /readyz is public.</summary>
internal sealed class SqliteStorageCheck(SqliteDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = database.Open();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("SQLite storage is reachable.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("SQLite storage is not reachable; the silo's log has the reason.", e);
        }
    }
}
