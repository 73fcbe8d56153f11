using System.Net;
using Microsoft.Extensions.Options;
using Recsys.Silo.Infrastructure;
using Recsys.Silo.Options;

namespace Recsys.Silo.Extensions;

public static class HostingExtensions
{
    /// <summary>Host shutdown must outlast the limit for deactivating (and flushing) every grain, plus time
    /// for Kestrel to finish the requests in flight.</summary>
    private static readonly TimeSpan ShutdownAllowanceBeyondRuntime = TimeSpan.FromSeconds(10);

    /// <summary>Everything the silo runs: host, Orleans with the grains and their storage, telemetry and the HTTP API.</summary>
    public static WebApplicationBuilder AddRecsysSilo(this WebApplicationBuilder builder)
    {
        builder.AddRecsysHost();
        builder.AddRecsysSecurity();
        builder.AddRecsysOrleans();
        builder.AddRecsysTelemetry();
        builder.AddRecsysApi();
        return builder;
    }

    /// <summary>Kestrel on "Recsys:Port" (all interfaces, or 127.0.0.1 with "Recsys:LoopbackOnly"),
    /// request bodies capped at "Recsys:Http:MaxRequestBytes", and a shutdown long enough to flush grains.</summary>
    public static WebApplicationBuilder AddRecsysHost(this WebApplicationBuilder builder)
    {
        var serve = builder.AddValidatedOptions<ServeOptions>();
        var http = builder.AddValidatedOptions<HttpApiOptions>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = http.MaxRequestBytes;
            if (serve.LoopbackOnly)
            {
                kestrel.Listen(IPAddress.Loopback, serve.Port);
            }
            else
            {
                kestrel.ListenAnyIP(serve.Port);
            }
        });
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<RuntimeOptions>>((host, runtime) =>
        {
            var needed = runtime.Value.ShutdownTimeout + ShutdownAllowanceBeyondRuntime;
            host.ShutdownTimeout = needed > host.ShutdownTimeout ? needed : host.ShutdownTimeout;
        });
        return builder;
    }

    /// <summary>Says where state is kept, where the Orleans gateway listens and where telemetry goes, so an
    /// operator sees it in the log.</summary>
    public static void LogRecsysSettings(this WebApplication app)
    {
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        // Never the connection string: it holds the account key.
        app.Logger.StorageSelected(storage.Provider, storage.IsAzure ? "Azure Storage account of Recsys:Storage:ConnectionString" : Path.GetFullPath(storage.Path));
        var cluster = app.Services.GetRequiredService<IOptions<ClusterHostingOptions>>().Value;
        app.Logger.ClusterEndpoints(cluster.Mode, cluster.ClusterId, cluster.SiloPort, cluster.GatewayPort);
        var telemetry = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if ((telemetry.OtlpEndpoint?.ToString() ?? app.Configuration[TelemetryOptions.StandardEndpointKey]) is { Length: > 0 } endpoint)
        {
            app.Logger.TelemetryExport(endpoint);
        }
    }
}
