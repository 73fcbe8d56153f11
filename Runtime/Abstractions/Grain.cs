using System.Globalization;
using Recsys.Runtime.Core;

namespace Recsys.Runtime;

/// <summary>Base class of grain implementations. The runtime constructs grains (constructor
/// parameters come from dependency injection, or from <see cref="PersistentStateAttribute"/>), runs
/// one turn at a time on each activation, and calls <see cref="OnActivateAsync"/> before the first
/// call and <see cref="OnDeactivateAsync"/> after the last.</summary>
public abstract class Grain
{
    private readonly IActivationContext _context;

    protected Grain()
    {
        _context = ActivationContextScope.Current
            ?? throw new InvalidOperationException(
                $"{GetType().Name} is a grain: the runtime creates it; get a reference with IGrainFactory.GetGrain instead of calling its constructor.");
    }

    public GrainId GrainId => _context.GrainId;

    protected IGrainFactory GrainFactory => _context.GrainFactory;

    public string GetPrimaryKeyString() => GrainId.Key;

    public long GetPrimaryKeyLong() => long.Parse(GrainId.Key, NumberStyles.Integer, CultureInfo.InvariantCulture);

    public Guid GetPrimaryKey() => Guid.Parse(GrainId.Key, CultureInfo.InvariantCulture);

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Calls <paramref name="callback"/> after <paramref name="dueTime"/> and then every
    /// <paramref name="period"/> (<see cref="Timeout.InfiniteTimeSpan"/>: once) as a turn of this
    /// activation, never overlapping another turn unless the grain is reentrant. A tick is skipped
    /// while the previous one is still queued or running. Ticks do not keep the activation alive;
    /// disposing the result, or deactivation, stops the timer.</summary>
    protected IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return _context.RegisterTimer(callback, dueTime, period);
    }

    /// <summary>Deactivates this activation once the current turn and queued calls are done.</summary>
    protected void DeactivateOnIdle() => _context.DeactivateOnIdle();
}
