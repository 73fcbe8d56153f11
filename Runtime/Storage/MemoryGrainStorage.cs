using System.Globalization;

namespace Recsys.Runtime.Storage;

/// <summary>Grain state in process memory, for tests: same ETag rules as the durable providers,
/// nothing survives the process.</summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<(GrainId, string), (byte[] Payload, long Version)> _records = [];

    public Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            return Task.FromResult(_records.TryGetValue((grainId, stateName), out var record)
                ? new StoredState(record.Payload, Etag(record.Version))
                : null);
        }
    }

    public Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            var version = CheckEtag(grainId, stateName, expectedEtag, "write") + 1;
            _records[(grainId, stateName)] = (payload.ToArray(), version);
            return Task.FromResult(Etag(version));
        }
    }

    public Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            CheckEtag(grainId, stateName, expectedEtag, "clear");
            _records.Remove((grainId, stateName));
            return Task.CompletedTask;
        }
    }

    private long CheckEtag(GrainId grainId, string stateName, string? expectedEtag, string operation)
    {
        var stored = _records.TryGetValue((grainId, stateName), out var record) ? Etag(record.Version) : null;
        if (stored != expectedEtag)
        {
            throw StorageErrors.EtagMismatch(grainId, stateName, operation, stored, expectedEtag);
        }
        return stored is null ? 0 : record.Version;
    }

    private static string Etag(long version) => version.ToString(CultureInfo.InvariantCulture);
}
