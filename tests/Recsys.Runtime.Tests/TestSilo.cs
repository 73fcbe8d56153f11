using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Recsys.Runtime.Core;
using Recsys.Runtime.Hosting;

namespace Recsys.Runtime.Tests;

/// <summary>One silo in this process, started the way the generic host starts it.</summary>
internal sealed class TestSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hostedServices;

    private TestSilo(ServiceProvider services)
    {
        _services = services;
        _hostedServices = [.. services.GetServices<IHostedService>()];
    }

    public IGrainFactory Grains => _services.GetRequiredService<IGrainFactory>();

    public GrainRuntime Runtime => _services.GetRequiredService<GrainRuntime>();

    public T Service<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<TestSilo> StartAsync(
        Action<IRuntimeBuilder>? storage = null,
        Action<RuntimeOptions>? options = null,
        Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        var builder = collection.AddRecsysRuntime(options).AddGrains(typeof(TestSilo).Assembly);
        (storage ?? (b => b.AddMemoryGrainStorage()))(builder);
        collection.AddSingleton<ActivationLog>();
        services?.Invoke(collection);
        var silo = new TestSilo(collection.BuildServiceProvider());
        foreach (var hosted in silo._hostedServices)
        {
            await hosted.StartAsync(CancellationToken.None);
        }
        return silo;
    }

    public async Task StopAsync()
    {
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
