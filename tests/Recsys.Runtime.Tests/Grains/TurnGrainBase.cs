namespace Recsys.Runtime.Tests;

public abstract class TurnGrainBase(ActivationLog log) : Grain, ITurnGrain
{
    private int _executingNow;

    public async Task Work(int callNumber, int delayMilliseconds)
    {
        log.Enter();
        log.Events.Enqueue($"start {callNumber}");
        AssertSingleThreaded();
        await Task.Delay(delayMilliseconds);
        AssertSingleThreaded();
        log.Events.Enqueue($"end {callNumber}");
        log.Leave();
    }

    public async Task Hold(int count)
    {
        log.Enter();
        await log.Hold(count);
        log.Leave();
    }

    public Task Release()
    {
        log.Release();
        return Task.CompletedTask;
    }

    public Task<int> ActivationNumber() => Task.FromResult(log.Activations.GetValueOrDefault(GrainId));

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Activated(GrainId);
        return Task.CompletedTask;
    }

    /// <summary>Even reentrant grains run one turn at a time: two threads in here at once is a bug.</summary>
    private void AssertSingleThreaded()
    {
        if (Interlocked.Increment(ref _executingNow) != 1)
        {
            log.Events.Enqueue("OVERLAP");
        }
        Thread.SpinWait(1000);
        Interlocked.Decrement(ref _executingNow);
    }
}
