using Recsys.Runtime.Core;
using Recsys.Runtime.Serialization;

namespace Recsys.Runtime.Storage;

internal sealed class PersistentState<TState>(GrainId grainId, string stateName, IGrainStorage storage, IGrainStateSerializer serializer)
    : IPersistentState<TState>, IStateLoader
    where TState : class, new()
{
    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await storage.ReadAsync(grainId, stateName, cancellationToken);
        State = stored is null ? new TState() : serializer.Deserialize<TState>(stored.Payload);
        Etag = stored?.Etag;
        RecordExists = stored is not null;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        Etag = await storage.WriteAsync(grainId, stateName, serializer.Serialize(State), Etag, cancellationToken);
        RecordExists = true;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await storage.ClearAsync(grainId, stateName, Etag, cancellationToken);
        State = new TState();
        Etag = null;
        RecordExists = false;
    }
}
