using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Recsys.Silo.Infrastructure;

/// <summary>The Azure Storage account that holds the cluster's membership, grain state and journal answers.
/// The answer names no account: /readyz is public.</summary>
internal sealed class AzureStorageCheck(TableServiceClient tables) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken))
            {
                break;
            }
            return HealthCheckResult.Healthy("Azure Storage is reachable.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Azure Storage is not reachable; the silo's log has the reason.", e);
        }
    }
}
