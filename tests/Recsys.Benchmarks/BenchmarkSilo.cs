using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Recsys.Silo;
using Recsys.Cli.LocalCluster;
using Recsys.Testing;

namespace Recsys.Benchmarks;

/// <summary>The real silo (as <c>recsys serve</c> runs it) on loopback with free ports and its SQLite file in
/// a temporary folder, deleted on disposal.</summary>
internal sealed class BenchmarkSilo : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private BenchmarkSilo(WebApplication app, TempFolder folder)
    {
        App = app;
        _folder = folder;
    }

    public WebApplication App { get; }

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    public Uri Address => App.GetListeningUri();

    /// <param name="settings">Settings over the benchmark's own.</param>
    public static async Task<BenchmarkSilo> Start(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var folder = new TempFolder();
        var ports = FreePorts.Take(2);
        var app = RecsysSilo.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Recsys:Port"] = "0",
                ["Recsys:LoopbackOnly"] = "true",
                ["Recsys:Storage:Path"] = folder.File("bench.db"),
                ["Recsys:Cluster:SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture),
                ["Recsys:Cluster:GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            });
            builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        });
        await app.StartAsync();
        return new BenchmarkSilo(app, folder);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _folder.Dispose();
    }
}
