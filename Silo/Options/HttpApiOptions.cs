namespace Recsys.Silo.Options;

/// <summary>Limits of the HTTP API (configuration section "Recsys:Http").</summary>
public sealed class HttpApiOptions : IValidatedOptions
{
    public static string SectionName => "Recsys:Http";

    /// <summary>Largest request body accepted, in bytes; larger ones are refused with 413.</summary>
    public long MaxRequestBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most events (or items) one request may carry; more are refused with 413.</summary>
    public int MaxBatchSize { get; set; } = 10_000;

    /// <summary>API requests served at once; more wait in a queue.</summary>
    public int MaxConcurrentRequests { get; set; } = 256;

    /// <summary>API requests that may wait for a turn; past it a request gets 503 with Retry-After at once instead of
    /// stalling (health and metrics are never queued).</summary>
    public int MaxQueuedRequests { get; set; } = 1024;

    public IEnumerable<string> Validate()
    {
        if (MaxRequestBytes < 1024)
        {
            yield return $"{SectionName}:{nameof(MaxRequestBytes)} must be at least 1024 (was {MaxRequestBytes}).";
        }
        if (MaxBatchSize < 1)
        {
            yield return $"{SectionName}:{nameof(MaxBatchSize)} must be at least 1 (was {MaxBatchSize}).";
        }
        if (MaxConcurrentRequests < 1)
        {
            yield return $"{SectionName}:{nameof(MaxConcurrentRequests)} must be at least 1 (was {MaxConcurrentRequests}).";
        }
        if (MaxQueuedRequests < 0)
        {
            yield return $"{SectionName}:{nameof(MaxQueuedRequests)} must be 0 or more (was {MaxQueuedRequests}).";
        }
    }
}
