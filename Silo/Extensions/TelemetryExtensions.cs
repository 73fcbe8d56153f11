using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Recsys.Runtime.Telemetry;
using Recsys.Silo.Infrastructure;
using Recsys.Silo.Options;

namespace Recsys.Silo.Extensions;

public static class TelemetryExtensions
{
    // Emitted by ASP.NET Core itself: no instrumentation package needed.
    private const string AspNetCoreActivitySource = "Microsoft.AspNetCore";
    private static readonly string[] AspNetCoreMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    /// <summary>The silo's counters (Meter "Recsys.Silo"), and OpenTelemetry traces and metrics of the
    /// runtime, the gateway and ASP.NET Core exported over OTLP when an endpoint is configured.</summary>
    public static IHostApplicationBuilder AddRecsysTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<SiloMetrics>();
        var options = builder.AddValidatedOptions<TelemetryOptions>();
        if (options.OtlpEndpoint is null && string.IsNullOrWhiteSpace(builder.Configuration[TelemetryOptions.StandardEndpointKey]))
        {
            return builder;
        }
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(RuntimeTelemetry.Name, AspNetCoreActivitySource)
                .AddOtlpExporter(exporter => Target(exporter, options)))
            .WithMetrics(metrics => metrics
                .AddMeter(RuntimeTelemetry.Name, SiloMetrics.MeterName)
                .AddMeter(AspNetCoreMeters)
                .AddOtlpExporter(exporter => Target(exporter, options)));
        return builder;
    }

    // Without an endpoint of ours the exporter reads the OTEL_EXPORTER_OTLP_* variables itself.
    private static void Target(OtlpExporterOptions exporter, TelemetryOptions options)
    {
        if (options.OtlpEndpoint is { } endpoint)
        {
            exporter.Endpoint = endpoint;
        }
    }
}
