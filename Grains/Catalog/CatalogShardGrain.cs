using Recsys.Grains.Interfaces;
using Recsys.Grains.Persistence;

namespace Recsys.Grains.Catalog;

[GrainType("catalog-shard")]
public sealed class CatalogShardGrain(
    [PersistentState("catalog", RecsysGrainStorage.Name)] IPersistentState<CatalogShardState> state)
    : Grain, ICatalogShardGrain
{
    private readonly Guid _epoch = Guid.NewGuid();
    private Dictionary<string, CatalogEntry> _entries = null!;
    private long _version;

    // Group commit: the write that runs, and the one that will take the entries put meanwhile (null: none yet).
    private Task _writing = Task.CompletedTask;
    private TaskCompletionSource? _nextWrite;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _entries = state.State.Entries.ToDictionary(entry => entry.Item.Id, StringComparer.Ordinal);
        _version = state.State.Version;
        return Task.CompletedTask;
    }

    public Task Put(ItemInfo item)
    {
        _entries[item.Id] = new CatalogEntry(item, ++_version);
        if (_nextWrite is { } pending)
        {
            return pending.Task;
        }
        var next = _nextWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _writing = WriteAfter(_writing, next); // runs at once, up to storage, when no write is running
        return next.Task;
    }

    public Task<CatalogChanges> Since(Guid epoch, long version)
    {
        var after = epoch == _epoch ? version : long.MinValue;
        IReadOnlyList<ItemInfo> changed = [.. _entries.Values.Where(entry => entry.Version > after).Select(entry => entry.Item)];
        return Task.FromResult(new CatalogChanges(_epoch, _version, changed));
    }

    /// <summary>Waits for the running write, then writes every entry put until now in one go.</summary>
    private async Task WriteAfter(Task running, TaskCompletionSource done)
    {
        await running;
        _nextWrite = null;
        // A new object: entries put while this write awaits storage must not change what it serializes.
        state.State = new CatalogShardState { Version = _version, Entries = [.. _entries.Values] };
        try
        {
            await state.WriteStateAsync();
            done.SetResult();
        }
        catch (Exception failure)
        {
            done.SetException(failure);
        }
    }
}
