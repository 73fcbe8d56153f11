using Microsoft.Extensions.Logging;

namespace Recsys.Runtime.Core;

/// <summary>A timer whose ticks are queued as turns of its activation.</summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly Activation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Timer _timer;
    private int _tickInFlight;

    public GrainTimer(Activation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        using (ExecutionContext.SuppressFlow())
        {
            _timer = new Timer(static state => ((GrainTimer)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        _timer.Change(dueTime, period);
    }

    public void Dispose()
    {
        if (!_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
            _timer.Dispose();
            _activation.RemoveTimer(this);
        }
    }

    internal async Task RunTick()
    {
        try
        {
            if (!_disposed.IsCancellationRequested)
            {
                await _callback(_disposed.Token);
            }
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            _activation.Logger.LogError(exception, "Timer callback of grain {GrainId} failed", _activation.GrainId);
        }
        finally
        {
            TickDropped();
        }
    }

    internal void TickDropped() => Volatile.Write(ref _tickInFlight, 0);

    private void OnTimer()
    {
        if (_disposed.IsCancellationRequested || Interlocked.CompareExchange(ref _tickInFlight, 1, 0) != 0)
        {
            return;
        }
        if (!_activation.TryEnqueue(new TimerTick(this)))
        {
            TickDropped();
        }
    }
}
