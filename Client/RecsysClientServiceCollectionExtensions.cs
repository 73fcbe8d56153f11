using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Recsys.Client;

public static class RecsysClientServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IRecsysClient"/> as a typed client of IHttpClientFactory (pooled
    /// handlers, DNS changes honoured). Returns the HttpClient builder to add handlers, e.g. for auth.</summary>
    public static IHttpClientBuilder AddRecsysClient(this IServiceCollection services, Action<RecsysClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<RecsysClientOptions>().Configure(configure);
        return services
            .AddHttpClient<IRecsysClient, HttpRecsysClient>((http, provider) =>
                new HttpRecsysClient(http, provider.GetRequiredService<IOptions<RecsysClientOptions>>().Value))
            // The client enforces RecsysClientOptions.Timeout itself, per request.
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);
    }
}
