namespace Recsys.Runtime.Tests;

public sealed class SlowGrain : Grain, ISlowGrain
{
    public Task Never() => new TaskCompletionSource().Task;

    public ValueTask<int> Echo(int value) => ValueTask.FromResult(value);
}
