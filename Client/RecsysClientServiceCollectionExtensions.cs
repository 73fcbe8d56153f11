using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Recsys.Client;

public static class RecsysClientServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IRecsysClient"/> with the settings of <paramref name="section"/>
    /// ("Recsys:Client": Transport Http or Orleans, and that transport's address).</summary>
    public static IServiceCollection AddRecsysClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return services.AddRecsysClient(section.Bind);
    }

    /// <summary>Registers <see cref="IRecsysClient"/> over the transport <paramref name="configure"/> picks.
    /// HTTP: a typed client of IHttpClientFactory (pooled handlers, DNS changes honoured). Orleans: an
    /// Orleans client for the gateways, started with the host; when no gateway answers within
    /// <see cref="RecsysClientOptions.ConnectTimeout"/>, starting the host fails with
    /// <see cref="RecsysUnavailableException"/>.</summary>
    public static IServiceCollection AddRecsysClient(this IServiceCollection services, Action<RecsysClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new RecsysClientOptions();
        configure(options);
        options.Validate();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        if (options.Transport == RecsysTransport.Orleans)
        {
            services.AddOrleansClient(client =>
            {
                client.UseStaticClustering(GatewayEndpoints.Parse(options.Gateways));
                client.Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = options.ClusterId;
                    cluster.ServiceId = options.ServiceId;
                });
                client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = options.Timeout);
                client.UseConnectionRetryFilter(new ConnectDeadline(options).ShouldRetry);
            });
            services.AddSingleton<IRecsysClient>(provider => new OrleansRecsysClient(provider.GetRequiredService<IClusterClient>(), options));
            return services;
        }
        services
            .AddHttpClient<IRecsysClient, HttpRecsysClient>((http, provider) =>
                new HttpRecsysClient(http, provider.GetRequiredService<IOptions<RecsysClientOptions>>().Value))
            // The client enforces RecsysClientOptions.Timeout itself, per request.
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);
        return services;
    }

    /// <summary>Retries connecting to the gateways until the connect timeout has passed since the first
    /// failure, then gives up with a typed error instead of retrying forever.</summary>
    private sealed class ConnectDeadline(RecsysClientOptions options)
    {
        private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);
        private DateTimeOffset? _firstFailure;

        public async Task<bool> ShouldRetry(Exception exception, CancellationToken cancellationToken)
        {
            var now = DateTimeOffset.UtcNow;
            _firstFailure ??= now;
            if (now - _firstFailure.Value >= options.ConnectTimeout)
            {
                throw new RecsysUnavailableException(
                    $"No Orleans gateway of cluster '{options.ClusterId}' at {string.Join(", ", options.Gateways)} answered within {options.ConnectTimeout.TotalSeconds:0.###} s ({RecsysClientOptions.SectionName}:{nameof(RecsysClientOptions.ConnectTimeout)}): {exception.Message}",
                    innerException: exception);
            }
            await Task.Delay(RetryDelay, cancellationToken);
            return true;
        }
    }
}
