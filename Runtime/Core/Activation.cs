using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Recsys.Runtime.Core;

/// <summary>One live instance of a grain: its message queue, turn scheduler, timers and lifecycle.
/// Calls start in arrival order; a call of a non-reentrant grain starts only when no other call is in
/// flight (an <see cref="AlwaysInterleaveAttribute"/> call starts at once).</summary>
internal sealed class Activation : IActivationContext
{
    private enum Status
    {
        Created,
        Activating,
        Valid,
        Deactivating,
        Invalid,
    }

    private readonly GrainRuntime _runtime;
    private readonly GrainClass _class;
    private readonly Action<Activation> _onInvalidated;
    private readonly object _lock = new();
    private readonly Queue<Message> _pending = new();
    private readonly List<GrainTimer> _timers = [];
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Status _status;
    private int _running;
    private int _pendingCount;
    private bool _deactivationStarted;
    private DeactivationReason _deactivationReason;
    private long _lastUsed = Stopwatch.GetTimestamp();
    private Grain? _grain;
    private IReadOnlyList<IStateLoader> _states = [];

    public Activation(GrainRuntime runtime, GrainId grainId, GrainClass grainClass, Action<Activation> onInvalidated)
    {
        _runtime = runtime;
        GrainId = grainId;
        _class = grainClass;
        _onInvalidated = onInvalidated;
    }

    public GrainId GrainId { get; }

    public IGrainFactory GrainFactory => _runtime;

    public ILogger Logger => _runtime.Logger;

    public ActivationTaskScheduler Scheduler { get; } = new();

    /// <summary>Completes when the activation is gone (deactivated or failed to activate).</summary>
    public Task Deactivated => _deactivated.Task;

    public int QueueLength => Volatile.Read(ref _running) + Volatile.Read(ref _pendingCount);

    public bool IsIdle => Volatile.Read(ref _running) == 0 && Volatile.Read(ref _pendingCount) == 0;

    /// <summary>Queues <paramref name="message"/>; false when this activation is gone and the sender
    /// must find (or create) another.</summary>
    public bool TryEnqueue(Message message)
    {
        bool activate = false, runNow = false;
        lock (_lock)
        {
            switch (_status)
            {
                case Status.Invalid:
                    return false;
                case Status.Created:
                    _status = Status.Activating;
                    activate = true;
                    Park(message);
                    break;
                case Status.Valid when CanStart(message):
                    _running++;
                    runNow = true;
                    break;
                case Status.Deactivating when !message.CountsAsUse:
                    return false;
                default:
                    // Activating: waits for activation. Deactivating: forwarded to the next activation.
                    Park(message);
                    break;
            }
            if (message.CountsAsUse)
            {
                _lastUsed = Stopwatch.GetTimestamp();
            }
        }
        if (activate)
        {
            StartTurn(static state => ((Activation)state!).Activate(), this);
        }
        else if (runNow)
        {
            Start(message);
        }
        return true;
    }

    public bool IsIdleLongerThan(long stopwatchTicks) =>
        IsIdle && Stopwatch.GetTimestamp() - Volatile.Read(ref _lastUsed) > stopwatchTicks;

    public void StartDeactivation(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_status != Status.Valid)
            {
                return;
            }
            _status = Status.Deactivating;
            _deactivationReason = reason;
            if (_running > 0)
            {
                return; // the last call to finish starts it
            }
            _deactivationStarted = true;
        }
        StartTurn(static state => ((Activation)state!).Deactivate(), this);
    }

    IDisposable IActivationContext.RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period);
        lock (_lock)
        {
            _timers.Add(timer);
        }
        return timer;
    }

    void IActivationContext.DeactivateOnIdle() => StartDeactivation(DeactivationReason.ApplicationRequested);

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private bool CanStart(Message message) => _running == 0 || _class.IsReentrant || message.AlwaysInterleave;

    private void Park(Message message)
    {
        _pending.Enqueue(message);
        _pendingCount++;
    }

    private Message Unpark()
    {
        _pendingCount--;
        return _pending.Dequeue();
    }

    private void StartTurn(Func<object?, Task> body, object? state) =>
        Task.Factory.StartNew(body, state, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler);

    private static readonly Func<object?, Task> ExecuteQueued = static state =>
    {
        var (activation, message) = ((Activation, Message))state!;
        return activation.Execute(message);
    };

    private void Start(Message message) =>
        message.StartInCallerContext(static state => (((Activation, Message))state!).Item1.StartTurn(ExecuteQueued, state), (this, message));

    private async Task Execute(Message message)
    {
        await message.Run(_grain!);
        List<Message>? startable = null;
        var deactivate = false;
        lock (_lock)
        {
            _running--;
            if (message.CountsAsUse)
            {
                _lastUsed = Stopwatch.GetTimestamp();
            }
            if (_status == Status.Valid)
            {
                startable = TakeStartable();
            }
            else if (_status == Status.Deactivating && _running == 0 && !_deactivationStarted)
            {
                _deactivationStarted = true;
                deactivate = true;
            }
        }
        StartAll(startable);
        if (deactivate)
        {
            await Deactivate();
        }
    }

    private List<Message>? TakeStartable()
    {
        List<Message>? startable = null;
        while (_pending.Count > 0 && CanStart(_pending.Peek()))
        {
            _running++;
            (startable ??= []).Add(Unpark());
        }
        return startable;
    }

    private void StartAll(List<Message>? messages)
    {
        if (messages is null)
        {
            return;
        }
        foreach (var message in messages)
        {
            Start(message);
        }
    }

    private async Task Activate()
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            (_grain, _states) = _class.Construct(this, _runtime.Services);
            foreach (var state in _states)
            {
                await state.ReadStateAsync(CancellationToken.None);
            }
            using var timeout = new CancellationTokenSource(_runtime.Options.ActivationTimeout);
            await _grain.OnActivateAsync(timeout.Token);
        }
        catch (Exception exception)
        {
            _runtime.Logger.LogError(exception, "Activation of grain {GrainId} failed", GrainId);
            var error = new GrainActivationException(GrainId, exception);
            foreach (var message in Invalidate())
            {
                message.Reject(error);
            }
            return;
        }
        _runtime.Telemetry.ActivationCreated(_class.TypeName, Stopwatch.GetElapsedTime(started));
        List<Message>? startable;
        lock (_lock)
        {
            _status = Status.Valid;
            startable = TakeStartable();
        }
        StartAll(startable);
    }

    private async Task Deactivate()
    {
        DisposeTimers();
        try
        {
            using var timeout = new CancellationTokenSource(_runtime.Options.DeactivationTimeout);
            await _grain!.OnDeactivateAsync(_deactivationReason, timeout.Token);
        }
        catch (Exception exception)
        {
            _runtime.Logger.LogError(exception, "OnDeactivateAsync of grain {GrainId} failed ({Reason})", GrainId, _deactivationReason);
        }
        _runtime.Telemetry.ActivationDeactivated(_class.TypeName, _deactivationReason);
        foreach (var message in Invalidate())
        {
            if (message.CountsAsUse)
            {
                _runtime.Dispatch(GrainId, message);
            }
        }
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = [.. _timers];
        }
        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    /// <summary>Takes the activation out of service and returns what was still queued.</summary>
    private List<Message> Invalidate()
    {
        DisposeTimers();
        // Leave the directory first, so that re-sent messages create a fresh activation.
        _onInvalidated(this);
        List<Message> leftover = [];
        lock (_lock)
        {
            _status = Status.Invalid;
            while (_pending.Count > 0)
            {
                leftover.Add(Unpark());
            }
        }
        _deactivated.TrySetResult();
        return leftover;
    }
}
