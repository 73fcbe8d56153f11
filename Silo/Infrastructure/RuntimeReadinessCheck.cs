using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Recsys.Silo.Infrastructure;

/// <summary>Ready once every hosted service (the grain runtime among them) has started, and no longer
/// once shutdown has begun, so that load balancers stop sending traffic before grains deactivate.</summary>
internal sealed class RuntimeReadinessCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("The silo is shutting down.")
            : lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Healthy("The grain runtime is running.")
            : HealthCheckResult.Unhealthy("The silo is starting."));
}
