namespace Recsys.Benchmarks;

/// <summary>The same work as <see cref="PingGrain"/> without the runtime: the baseline of the ratios.</summary>
internal sealed class PlainPing : IPingGrain
{
    private int _calls;

    public Task<int> Ping(int value) => Task.FromResult(value + Interlocked.Increment(ref _calls));
}
