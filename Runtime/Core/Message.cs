using System.Diagnostics;

namespace Recsys.Runtime.Core;

/// <summary>A unit of work queued on an activation: a request from a caller or a timer tick.</summary>
internal abstract class Message
{
    private readonly ExecutionContext? _executionContext = ExecutionContext.Capture();

    /// <summary>May run while other calls of the activation are in flight.</summary>
    public abstract bool AlwaysInterleave { get; }

    /// <summary>Timer ticks do not count as use: they must not keep an idle activation alive.</summary>
    public virtual bool CountsAsUse => true;

    /// <summary>Runs inside a turn of the activation; never throws.</summary>
    public abstract Task Run(Grain grain);

    /// <summary>Completes the message without running it.</summary>
    public abstract void Reject(Exception reason);

    /// <summary>Starts <paramref name="start"/> in the execution context of whoever sent this message,
    /// so async-local values (the trace of the call, for one) flow into the grain.</summary>
    public void StartInCallerContext(Action<object?> start, object? state)
    {
        if (_executionContext is null)
        {
            start(state);
        }
        else
        {
            ExecutionContext.Run(_executionContext, s => start(s), state);
        }
    }
}

/// <summary>A grain call in flight, as the timeout sweeper sees it.</summary>
internal abstract class CallRequest : Message
{
    public abstract long Deadline { get; }

    public abstract bool IsCompleted { get; }

    public abstract GrainId Target { get; }

    public abstract string MethodName { get; }
}

/// <summary>A call of a grain method, completed with its result or exception.</summary>
internal sealed class Request<TResult> : CallRequest
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly GrainMethod<TResult> _method;
    private readonly object?[] _arguments;
    private readonly GrainRuntime _runtime;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private int _claimed;

    public Request(GrainRuntime runtime, GrainId target, GrainMethod<TResult> method, object?[] arguments, Activity? activity)
    {
        _runtime = runtime;
        Target = target;
        _method = method;
        _arguments = arguments;
        Activity = activity;
        Deadline = _startTimestamp + runtime.CallTimeoutTicks;
    }

    public override GrainId Target { get; }

    public Activity? Activity { get; }

    public override long Deadline { get; }

    public override bool IsCompleted => Volatile.Read(ref _claimed) != 0;

    public override string MethodName => _method.Name;

    public Task<TResult> Completion => _completion.Task;

    public override bool AlwaysInterleave => _method.AlwaysInterleave;

    public override async Task Run(Grain grain)
    {
        try
        {
            Complete(await _method.InvokeOn(grain, _arguments));
        }
        catch (Exception exception)
        {
            Reject(exception);
        }
    }

    public override void Reject(Exception reason) => Settle(reason, default);

    private void Complete(TResult result) => Settle(null, result);

    /// <summary>Records the call's activity and metrics, then releases the caller: a caller that reads its
    /// trace right after the await sees this call in it. Only the first outcome counts.</summary>
    private void Settle(Exception? error, TResult? result)
    {
        if (Interlocked.Exchange(ref _claimed, 1) != 0)
        {
            return;
        }
        try
        {
            _runtime.OnRequestCompleted(this, _method, error, _startTimestamp);
        }
        finally
        {
            if (error is null)
            {
                _completion.SetResult(result!);
            }
            else
            {
                _completion.SetException(error);
            }
        }
    }
}
