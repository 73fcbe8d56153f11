namespace Recsys.Grains.Persistence;

/// <summary>A grain whose state is written behind: every <see cref="FlushInterval"/> when it changed,
/// when <see cref="MaxUnflushedChanges"/> changes are pending, and on deactivation (idle collection and
/// silo shutdown alike). Trades a window of unwritten changes for far fewer storage writes.</summary>
public abstract class WriteBehindGrain<TState>(IPersistentState<TState> state) : Grain
    where TState : class, new()
{
    private IGrainTimer? _flushTimer;

    protected TState State => state.State;

    protected IPersistentState<TState> Storage => state;

    protected int UnflushedChanges { get; private set; }

    protected abstract TimeSpan FlushInterval { get; }

    protected virtual int MaxUnflushedChanges => int.MaxValue;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Not interleaved: a flush never runs in the middle of a call that is changing the state.
        _flushTimer = this.RegisterGrainTimer(FlushIfChanged, new GrainTimerCreationOptions(FlushInterval, FlushInterval));
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
