using Microsoft.Extensions.Options;
using Recsys.Grains.Ingestion;
using Recsys.Grains.Users;
using Recsys.Runtime;
using Recsys.Silo.Infrastructure;
using Recsys.Silo.Options;

namespace Recsys.Silo.Apis;

/// <summary>What the API handlers use, bound with [AsParameters].</summary>
internal sealed class ApiServices(
    IGrainFactory grains,
    IEventIngestor ingestor,
    TimeProvider time,
    IOptions<HttpApiOptions> http,
    IOptions<UserGrainOptions> users,
    SiloMetrics metrics,
    ILogger<ApiServices> logger)
{
    public IGrainFactory Grains { get; } = grains;

    public IEventIngestor Ingestor { get; } = ingestor;

    public TimeProvider Time { get; } = time;

    public HttpApiOptions Http { get; } = http.Value;

    /// <summary>Event rules shared with the user grains (e.g. the clock skew allowed).</summary>
    public UserGrainOptions Users { get; } = users.Value;

    public SiloMetrics Metrics { get; } = metrics;

    public ILogger Logger { get; } = logger;
}
