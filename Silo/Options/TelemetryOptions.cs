namespace Recsys.Silo.Options;

/// <summary>OpenTelemetry export (configuration section "Recsys:Telemetry"). Traces and metrics are
/// exported only when an OTLP endpoint is configured here or in OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
public sealed class TelemetryOptions : IValidatedOptions
{
    /// <summary>The standard OpenTelemetry variable, honoured too so that collectors' usual setup works.</summary>
    public const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static string SectionName => "Recsys:Telemetry";

    /// <summary>The collector, e.g. http://otel-collector:4317 (OTLP over gRPC unless
    /// OTEL_EXPORTER_OTLP_PROTOCOL says otherwise). Null: no export.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>The service.name resource attribute.</summary>
    public string ServiceName { get; set; } = "recsys-silo";

    public IEnumerable<string> Validate()
    {
        if (OtlpEndpoint is { IsAbsoluteUri: false })
        {
            yield return $"{SectionName}:{nameof(OtlpEndpoint)} must be an absolute URI (was '{OtlpEndpoint}').";
        }
        if (string.IsNullOrWhiteSpace(ServiceName))
        {
            yield return $"{SectionName}:{nameof(ServiceName)} must not be empty.";
        }
    }
}
