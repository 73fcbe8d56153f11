using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Recsys.Grains.Diagnostics;
using Recsys.Silo.Infrastructure;
using Recsys.Silo.Options;
using Recsys.Serving;

namespace Recsys.Silo.Extensions;

public static class TelemetryExtensions
{
    /// <summary>Where Prometheus scrapes the silo's metrics.</summary>
    public const string MetricsPath = "/metrics";

    // Orleans' own sources and meter; the silo enables its activities with AddActivityPropagation.
    private static readonly string[] OrleansActivitySources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];
    private const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>OpenTelemetry metrics of Orleans, the .NET runtime, ASP.NET Core, the grains and the gateway,
    /// served at <see cref="MetricsPath"/> in Prometheus' text format; traces of the same sources. Both
    /// are also exported over OTLP when an endpoint is configured ("Recsys:Telemetry:OtlpEndpoint" or
    /// OTEL_EXPORTER_OTLP_ENDPOINT); without one no trace is recorded at all.</summary>
    public static IHostApplicationBuilder AddRecsysTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<SiloMetrics>();
        var options = builder.AddValidatedOptions<TelemetryOptions>();
        var otlp = options.OtlpEndpoint is not null || !string.IsNullOrWhiteSpace(builder.Configuration[TelemetryOptions.StandardEndpointKey]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(OrleansMeter, GrainsTelemetry.Name, ServingTelemetry.Name, SiloMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter(exporter => Target(exporter, options));
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(OrleansActivitySources)
                .AddSource(GrainsTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(exporter => Target(exporter, options)));
        }
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
