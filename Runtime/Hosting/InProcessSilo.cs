using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Recsys.Runtime.Core;

namespace Recsys.Runtime.Hosting;

/// <summary>A silo in the current process without a generic host: for tests, benchmarks and tools.
/// Started and stopped the way the host does it (every hosted service, in order).</summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hostedServices;
    private bool _stopped;

    private InProcessSilo(ServiceProvider services)
    {
        _services = services;
        _hostedServices = [.. services.GetServices<IHostedService>()];
    }

    public IGrainFactory Grains => _services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _services;

    /// <summary>Activations alive now.</summary>
    public int ActivationCount => _services.GetRequiredService<GrainRuntime>().ActivationCount;

    /// <param name="configure">Adds grains, storage and services to the silo.</param>
    public static async Task<InProcessSilo> StartAsync(Action<IRuntimeBuilder> configure, Action<RuntimeOptions>? options = null)
    {
        var services = new ServiceCollection();
        configure(services.AddRecsysRuntime(options));
        var silo = new InProcessSilo(services.BuildServiceProvider());
        foreach (var hosted in silo._hostedServices)
        {
            await hosted.StartAsync(CancellationToken.None);
        }
        return silo;
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        foreach (var hosted in _hostedServices.Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _services.DisposeAsync();
    }
}
