using Recsys.Grains.Interfaces.Validation;

namespace Recsys.Client;

/// <summary>How <see cref="IRecsysClient"/> reaches the service.</summary>
public enum RecsysTransport
{
    /// <summary>The silo's HTTP gateway (<see cref="RecsysClientOptions.BaseAddress"/>): any network
    /// path that carries HTTP.</summary>
    Http,

    /// <summary>The Orleans gateway (<see cref="RecsysClientOptions.Gateways"/>): one hop fewer and no JSON,
    /// for frontends inside the cluster's network.</summary>
    Orleans,
}

/// <summary>Settings of the client (configuration section "Recsys:Client").</summary>
public sealed class RecsysClientOptions
{
    public const string SectionName = "Recsys:Client";

    public RecsysTransport Transport { get; set; } = RecsysTransport.Http;

    /// <summary>The silo's HTTP gateway (HTTP transport).</summary>
    public Uri BaseAddress { get; set; } = new("http://localhost:8080/");

    /// <summary>The API key sent as X-Api-Key (HTTP transport; the silo's Recsys:Security:ApiKeys admit it). Keep it
    /// out of source: bind it from a secret.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Orleans gateways as host:port (Orleans transport): a silo's "Recsys:Cluster:GatewayPort".</summary>
    public string[] Gateways { get; set; } = ["127.0.0.1:30000"];

    /// <summary>The cluster's "Recsys:Cluster:ClusterId" (Orleans transport).</summary>
    public string ClusterId { get; set; } = "recsys";

    /// <summary>The cluster's "Recsys:Cluster:ServiceId" (Orleans transport).</summary>
    public string ServiceId { get; set; } = "recsys";

    /// <summary>How long connecting to the Orleans gateways may take before the client gives up with
    /// <see cref="RecsysUnavailableException"/> instead of retrying forever (Orleans transport).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one request may take before it fails with <see cref="RecsysUnavailableException"/>.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a request that failed with <see cref="RecsysUnavailableException"/> (a silo lost,
    /// a timeout, 503/504) is sent again before the error reaches the caller. Every request of the client is safe to
    /// repeat: events and items are de-duplicated by id, the rest only read or erase.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The wait before the first retry; each further one waits twice as long (with the default 5 retries,
    /// 0.25 + 0.5 + 1 + 2 + 4 s: longer than a cluster takes to declare a lost silo dead).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Events or items per request. The default stays well under the service's limits
    /// (10,000 per request, 16 MiB per body) even for items with long descriptions.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>How far into the future event timestamps may lie; keep it at the service's setting.</summary>
    public TimeSpan MaxClockSkew { get; set; } = ContractLimits.DefaultMaxClockSkew;

    internal void Validate()
    {
        if (!Enum.IsDefined(Transport))
        {
            throw new ArgumentOutOfRangeException(nameof(Transport), Transport, $"{SectionName}:{nameof(Transport)} must be Http or Orleans.");
        }
        if (!BaseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException($"{SectionName}:{nameof(BaseAddress)} must be absolute (was '{BaseAddress}').", nameof(BaseAddress));
        }
        if (Transport == RecsysTransport.Orleans)
        {
            if (Gateways.Length == 0)
            {
                throw new ArgumentException($"{SectionName}:{nameof(Gateways)} must name at least one gateway as host:port.", nameof(Gateways));
            }
            _ = GatewayEndpoints.Parse(Gateways);
            if (string.IsNullOrWhiteSpace(ClusterId) || string.IsNullOrWhiteSpace(ServiceId))
            {
                throw new ArgumentException($"{SectionName}:{nameof(ClusterId)} and {nameof(ServiceId)} must not be empty.", nameof(ClusterId));
            }
            if (ConnectTimeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(ConnectTimeout), ConnectTimeout, $"{SectionName}:{nameof(ConnectTimeout)} must be positive.");
            }
        }
        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, $"{SectionName}:{nameof(Timeout)} must be positive.");
        }
        if (MaxRetries is < 0 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, $"{SectionName}:{nameof(MaxRetries)} must be between 0 and 20.");
        }
        if (RetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryDelay), RetryDelay, $"{SectionName}:{nameof(RetryDelay)} must not be negative.");
        }
        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"{SectionName}:{nameof(BatchSize)} must be at least 1.");
        }
    }
}
