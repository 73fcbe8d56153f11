namespace Recsys.Runtime;

/// <summary>A grain's durable state with optimistic concurrency: every write carries the ETag of
/// the version it replaces, and a write against a newer version fails with
/// <see cref="InconsistentStateException"/>.</summary>
public interface IPersistentState<TState> where TState : class, new()
{
    TState State { get; set; }

    /// <summary>The version last read or written; null before the first write.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored record and resets <see cref="State"/> to a new instance.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
