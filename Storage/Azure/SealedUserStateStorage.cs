using Orleans.Storage;

namespace Recsys.Storage.Azure;

/// <summary>Grain storage that seals users' state with their key (<see cref="UserKeyStore"/>) before the inner
/// storage writes it, and opens it on reading; other grains' state (anonymous aggregates, the catalog) passes through.
/// State written before sealing reads as it was and is sealed at its next write.</summary>
public sealed class SealedUserStateStorage(IGrainStorage inner, UserKeyStore keys, IGrainStorageSerializer serializer) : IGrainStorage
{
    /// <summary>The grain type of users (UserGrain's [GrainType]).</summary>
    private static readonly GrainType UserGrainType = GrainType.Create("user");

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!IsUser(grainId))
        {
            await inner.ReadStateAsync(stateName, grainId, grainState);
            return;
        }
        var stored = new GrainState<SealedState>();
        await inner.ReadStateAsync(stateName, grainId, stored);
        if (!stored.RecordExists)
        {
            // A new user: nothing to open, and nothing to read again as state written before sealing.
            grainState.ETag = stored.ETag;
            grainState.RecordExists = false;
            return;
        }
        if (stored.State?.Sealed is { } sealedBytes)
        {
            var key = await keys.KeyOf(grainId.Key.ToString()!, CancellationToken.None);
            grainState.State = serializer.Deserialize<T>(new BinaryData(UserKeyStore.Open(key, sealedBytes)));
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            await inner.ReadStateAsync(stateName, grainId, grainState);
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!IsUser(grainId))
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
            return;
        }
        var key = await keys.KeyOf(grainId.Key.ToString()!, CancellationToken.None);
        var sealedState = new SealedState { Sealed = UserKeyStore.Seal(key, serializer.Serialize(grainState.State)) };
        var stored = new GrainState<SealedState>(sealedState, grainState.ETag) { RecordExists = grainState.RecordExists };
        await inner.WriteStateAsync(stateName, grainId, stored);
        grainState.ETag = stored.ETag;
        grainState.RecordExists = stored.RecordExists;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    private static bool IsUser(GrainId grainId) => grainId.Type.Equals(UserGrainType);

    /// <summary>What the inner storage holds for a user: their state, serialized and sealed.</summary>
    public sealed class SealedState
    {
        public byte[]? Sealed { get; set; }
    }
}
