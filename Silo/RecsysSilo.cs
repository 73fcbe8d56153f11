using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Recsys.Silo.Extensions;
using Recsys.Silo.Options;

namespace Recsys.Silo;

/// <summary>The silo as one web application: Orleans with the recommendation grains and their storage,
/// telemetry and the HTTP gateway. The command-line tool's serve and demo commands and the tests all
/// host it through here.</summary>
/// <remarks>Configuration, lowest precedence first: the defaults embedded in this assembly, the
/// appsettings.json / appsettings.{Environment}.json of the content root, environment variables
/// (RECSYS__STORAGE__PROVIDER is the key Recsys:Storage:Provider), command-line arguments
/// (--Recsys:Port=9090), then whatever <c>configure</c> adds.</remarks>
public static class RecsysSilo
{
    /// <summary>A builder with every service of the silo registered. <paramref name="configure"/> runs
    /// before the silo reads its settings: add configuration there (e.g. AddInMemoryCollection), or
    /// services that the silo only adds when missing (TimeProvider).</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is invalid; the
    /// messages name the configuration key.</exception>
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddEmbeddedDefaults();
        configure?.Invoke(builder);
        builder.AddRecsysSilo();
        return builder;
    }

    /// <summary>The silo, ready to <c>RunAsync()</c> (or <c>StartAsync()</c> then <see cref="GetListeningUri"/>).
    /// Settings that are invalid at runtime level (e.g. Recsys:Users) fail in StartAsync.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var app = CreateBuilder(args, configure).Build();
        app.UseRecsysApi();
        app.LogRecsysSettings();
        return app;
    }

    /// <summary>The port of the silo's Orleans gateway ("Recsys:Cluster:GatewayPort"), for the client's Orleans transport.</summary>
    public static int GetGatewayPort(this WebApplication app) =>
        app.Services.GetRequiredService<IOptions<ClusterHostingOptions>>().Value.GatewayPort;

    /// <summary>Where a client on this machine reaches a started silo: the bound address, with the port
    /// picked when Recsys:Port is 0, and "localhost" for a wildcard address.</summary>
    public static Uri GetListeningUri(this WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault() ?? throw new InvalidOperationException("The silo is not listening yet; start it first.");
        var uri = new UriBuilder(address);
        if (uri.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*")
        {
            uri.Host = "localhost";
        }
        return uri.Uri;
    }
}
