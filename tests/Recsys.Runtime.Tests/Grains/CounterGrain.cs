namespace Recsys.Runtime.Tests;

public sealed class CounterGrain(ActivationLog log) : Grain, ICounterGrain
{
    private int _count;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Activated(GrainId);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Deactivations.Enqueue((GrainId, reason));
        return Task.CompletedTask;
    }

    public async Task<int> Increment()
    {
        var read = _count;
        await Task.Yield();
        _count = read + 1; // lost updates here would mean two turns overlapped
        return _count;
    }

    public Task<int> Get() => Task.FromResult(_count);

    public Task Fail(string message) => throw new ArgumentException(message, "input");

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
