using Microsoft.Extensions.Options;
using Recsys.Grains.Users;
using Recsys.Silo.Infrastructure;
using Recsys.Silo.Options;

namespace Recsys.Silo.Apis;

/// <summary>What the API handlers use, bound with [AsParameters] (each member from the services).</summary>
internal sealed record ApiServices(
    IGrainFactory Grains,
    TimeProvider Time,
    IOptions<HttpApiOptions> HttpOptions,
    IOptions<UserGrainOptions> UserOptions,
    SiloMetrics Metrics,
    ILogger<ApiServices> Logger)
{
    public HttpApiOptions Http => HttpOptions.Value;

    /// <summary>Event rules shared with the user grains (e.g. the clock skew allowed).</summary>
    public UserGrainOptions Users => UserOptions.Value;
}
