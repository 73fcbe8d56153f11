namespace Recsys.Runtime.Tests;

/// <summary>Fails its first activation per key, succeeds afterwards.</summary>
public sealed class FlakyGrain(ActivationLog log) : Grain, IFlakyGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Activated(GrainId);
        return log.Activations[GrainId] == 1
            ? throw new InvalidOperationException("first activation always fails")
            : Task.CompletedTask;
    }

    public Task<string> Hello() => Task.FromResult("hello");
}
