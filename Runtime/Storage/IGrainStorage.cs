namespace Recsys.Runtime.Storage;

/// <summary>A stored state record: the serialized payload and the ETag of its version.</summary>
public sealed record StoredState(byte[] Payload, string Etag);

/// <summary>A storage provider for grain state. Providers store opaque payloads and enforce ETags:
/// a write or delete whose expected ETag is not the stored one throws
/// <see cref="InconsistentStateException"/> (an expected ETag of null means "no record yet").</summary>
public interface IGrainStorage
{
    Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <returns>The new ETag.</returns>
    Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken);

    Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken);
}
