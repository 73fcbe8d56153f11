using Recsys.Grains.Interfaces.Validation;

namespace Recsys.Client;

/// <summary>Settings of <see cref="HttpRecsysClient"/>.</summary>
public sealed class RecsysClientOptions
{
    /// <summary>The silo's HTTP gateway.</summary>
    public Uri BaseAddress { get; set; } = new("http://localhost:8080/");

    /// <summary>How long one request may take before it fails with <see cref="RecsysUnavailableException"/>.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events or items per request. The default stays well under the service's limits
    /// (10,000 per request, 16 MiB per body) even for items with long descriptions.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>How far into the future event timestamps may lie; keep it at the service's setting.</summary>
    public TimeSpan MaxClockSkew { get; set; } = ContractLimits.DefaultMaxClockSkew;

    internal void Validate()
    {
        if (!BaseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException($"{nameof(BaseAddress)} must be absolute (was '{BaseAddress}').", nameof(BaseAddress));
        }
        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, $"{nameof(Timeout)} must be positive.");
        }
        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"{nameof(BatchSize)} must be at least 1.");
        }
    }
}
