using Recsys.Grains.Interfaces;
using Recsys.Grains.Persistence;

namespace Recsys.Grains.Catalog;

[GrainType("catalog-shard")]
public sealed class CatalogShardGrain(
    [PersistentState("catalog", RecsysGrainStorage.Name)] IPersistentState<CatalogShardState> state)
    : Grain, ICatalogShardGrain
{
    private Guid _epoch;
    private Dictionary<string, CatalogEntry> _entries = null!;
    private long _version;

    // Readers see entries up to the last version written: versions handed out to entries an activation never wrote
    // (it died first) are handed out again by the next, and no reader may have seen them.
    private long _written;

    // Group commit: the write that runs, and the one that will take the entries put meanwhile (null: none yet).
    private Task _writing = Task.CompletedTask;
    private TaskCompletionSource? _nextWrite;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _entries = state.State.Entries.ToDictionary(entry => entry.Item.Id, StringComparer.Ordinal);
        _version = _written = state.State.Version;
        // A new epoch only for a shard with nothing stored (new, or its storage lost): readers then start over.
        _epoch = state.State.Epoch == Guid.Empty ? Guid.NewGuid() : state.State.Epoch;
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

    public Task<CatalogChanges> Since(Guid epoch, long version, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var after = epoch == _epoch ? version : long.MinValue;
        if (after >= _written)
        {
            return Task.FromResult(new CatalogChanges(_epoch, _written, [])); // the usual answer: nothing new
        }
        var changed = _entries.Values.Where(entry => entry.Version > after && entry.Version <= _written)
            .OrderBy(entry => entry.Version).Take(limit + 1).ToList();
        if (changed.Count <= limit)
        {
            return Task.FromResult(new CatalogChanges(_epoch, _written, [.. changed.Select(entry => entry.Item)]));
        }
        changed.RemoveAt(limit);
        return Task.FromResult(new CatalogChanges(_epoch, changed[^1].Version, [.. changed.Select(entry => entry.Item)], Complete: false));
    }

    /// <summary>Waits for the running write, then writes every entry put until now in one go.</summary>
    private async Task WriteAfter(Task running, TaskCompletionSource done)
    {
        await running;
        _nextWrite = null;
        // A new object: entries put while this write awaits storage must not change what it serializes.
        var writing = new CatalogShardState { Version = _version, Entries = [.. _entries.Values], Epoch = _epoch };
        state.State = writing;
        try
        {
            await state.WriteStateAsync();
            _written = writing.Version;
            done.SetResult();
        }
        catch (Exception failure)
        {
            done.SetException(failure); // the entries stay, unseen by readers, and go with the next write
        }
    }
}
