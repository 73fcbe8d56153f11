using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Recsys.Client;

namespace Recsys.Silo.Tests.Support;

/// <summary>A frontend's host with <see cref="IRecsysClient"/> registered by
/// <see cref="RecsysClientServiceCollectionExtensions.AddRecsysClient(IServiceCollection, Action{RecsysClientOptions})"/>,
/// pointed at a test silo over the chosen transport.</summary>
internal sealed class ClientHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ClientHost(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IRecsysClient>();
    }

    public IRecsysClient Client { get; }

    public static async Task<ClientHost> Start(TestSilo silo, RecsysTransport transport, Action<RecsysClientOptions>? configure = null) =>
        await Start(options =>
        {
            options.Transport = transport;
            options.BaseAddress = silo.Address;
            options.Gateways = [$"127.0.0.1:{silo.GatewayPort}"];
            configure?.Invoke(options);
        });

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
