using Recsys.Runtime;

namespace Recsys.Grains.Persistence;

/// <summary>A grain whose state is written behind: changes are marked, and a timer writes the state
/// when it has changed (also at once past <see cref="MaxUnflushedChanges"/> changes, and always on
/// deactivation). Trades a bounded window of unwritten changes for far fewer storage writes.</summary>
public abstract class WriteBehindGrain<TState>(IPersistentState<TState> state) : Grain
    where TState : class, new()
{
    private IDisposable? _flushTimer;

    protected TState State => state.State;

    protected IPersistentState<TState> Storage => state;

    protected int UnflushedChanges { get; private set; }

    protected abstract TimeSpan FlushInterval { get; }

    protected virtual int MaxUnflushedChanges => int.MaxValue;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _flushTimer = RegisterGrainTimer(_ => FlushIfChanged(), FlushInterval, FlushInterval);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _flushTimer?.Dispose();
        await FlushIfChanged();
    }

    /// <summary>Records <paramref name="changes"/> unwritten changes; writes now when too many are pending.</summary>
    protected Task MarkChanged(int changes = 1)
    {
        UnflushedChanges += changes;
        return UnflushedChanges >= MaxUnflushedChanges ? FlushIfChanged() : Task.CompletedTask;
    }

    protected async Task FlushIfChanged()
    {
        if (UnflushedChanges == 0)
        {
            return;
        }
        PrepareWrite();
        await state.WriteStateAsync();
        UnflushedChanges = 0;
        await OnFlushed();
    }

    /// <summary>Forgets pending changes (after the state was cleared, for instance).</summary>
    protected void DiscardChanges() => UnflushedChanges = 0;

    /// <summary>Runs before every write: a grain that works on a richer in-memory form copies it into
    /// <see cref="State"/> here.</summary>
    protected virtual void PrepareWrite()
    {
    }

    /// <summary>Runs after every successful write.</summary>
    protected virtual Task OnFlushed() => Task.CompletedTask;
}
