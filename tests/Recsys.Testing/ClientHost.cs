using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Recsys.Client;

namespace Recsys.Testing;

/// <summary>A frontend's host with <see cref="IRecsysClient"/> registered by
/// <see cref="RecsysClientServiceCollectionExtensions.AddRecsysClient(IServiceCollection, Action{RecsysClientOptions})"/>.</summary>
public sealed class ClientHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ClientHost(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IRecsysClient>();
    }

    public IRecsysClient Client { get; }

    public static async Task<ClientHost> Start(Action<RecsysClientOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddRecsysClient(configure);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new ClientHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
