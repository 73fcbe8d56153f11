using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Silo.Infrastructure;

namespace Recsys.Silo.Apis;

/// <summary>The answer of the health endpoints: an overall status and one line per check.</summary>
public sealed record HealthProbe(string Status, IReadOnlyDictionary<string, string> Checks);

internal static class HealthApi
{
    /// <summary>The tag of the checks /readyz runs.</summary>
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Health");
        api.MapGet("/healthz", Alive)
            .WithName("Alive")
            .WithSummary("The process is alive");
        api.MapGet("/readyz", Ready)
            .WithName("Ready")
            .WithSummary("The grain runtime is running and storage is reachable")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static Ok<HealthProbe> Alive() => TypedResults.Ok(new HealthProbe("alive", new Dictionary<string, string>()));

    public static async Task<Results<Ok<HealthProbe>, ProblemHttpResult>> Ready(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(ReadyTag), cancellationToken);
        if (report.Status == HealthStatus.Healthy)
        {
            return TypedResults.Ok(new HealthProbe("ready", report.Entries.ToDictionary(e => e.Key, e => e.Value.Description ?? "ok")));
        }
        var failing = report.Entries
            .Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => new FieldError(e.Key, e.Value.Description ?? e.Value.Exception?.Message ?? "is not healthy."));
        return Problems.Create(StatusCodes.Status503ServiceUnavailable, "The silo is not ready",
            "Some readiness checks failed; see 'errors'.", failing);
    }
}
