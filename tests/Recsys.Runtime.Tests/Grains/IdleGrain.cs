namespace Recsys.Runtime.Tests;

[CollectionAgeLimit(minutes: 0.002)] // 120 ms
public sealed class IdleGrain(ActivationLog log) : Grain, IIdleGrain
{
    public Task Touch() => Task.CompletedTask;

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
}
