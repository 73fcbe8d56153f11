namespace Recsys.Silo.Infrastructure;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Storage: {Provider} ({Location})")]
    public static partial void StorageSelected(this ILogger logger, string provider, string location);

    [LoggerMessage(2, LogLevel.Debug, "Tracked {Count} events: {Accepted} accepted, {Duplicates} duplicates, {Expired} expired, {UnknownItems} unknown items")]
    public static partial void EventsTracked(this ILogger logger, int count, int accepted, int duplicates, int expired, int unknownItems);

    [LoggerMessage(3, LogLevel.Debug, "Request {Method} {Path} refused with {StatusCode}")]
    public static partial void RequestRejected(this ILogger logger, string method, string path, int statusCode);

    [LoggerMessage(4, LogLevel.Warning, "Grain call timed out or conflicted during {Method} {Path}")]
    public static partial void GrainCallTimedOut(this ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Silo unavailable during {Method} {Path}: {Reason}")]
    public static partial void SiloUnavailable(this ILogger logger, string method, string path, string reason);

    [LoggerMessage(6, LogLevel.Error, "Unhandled exception during {Method} {Path}")]
    public static partial void UnhandledException(this ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(7, LogLevel.Information, "Telemetry: exporting traces and metrics over OTLP to {Endpoint}")]
    public static partial void TelemetryExport(this ILogger logger, string endpoint);

    [LoggerMessage(8, LogLevel.Information, "Orleans: {Mode} clustering, cluster {ClusterId}, silo port {SiloPort}, gateway port {GatewayPort}")]
    public static partial void ClusterEndpoints(this ILogger logger, string mode, string clusterId, int siloPort, int gatewayPort);
}
