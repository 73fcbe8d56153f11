namespace Recsys.Runtime.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task NonReentrantGrainRunsCallsOneAfterAnotherInArrivalOrder()
    {
        await using var silo = await TestSilo.StartAsync();
        var log = silo.Service<ActivationLog>();
        var grain = silo.Grains.GetGrain<IStrictGrain>("strict");
        await grain.ActivationNumber();

        var calls = Enumerable.Range(0, 20).Select(i => grain.Work(i, delayMilliseconds: 2)).ToList();
        await Task.WhenAll(calls);

        var expected = Enumerable.Range(0, 20).SelectMany(i => new[] { $"start {i}", $"end {i}" });
        Assert.Equal(expected, log.Events);
        Assert.Equal(1, log.MaxConcurrent);
    }

    [Fact]
    public async Task ReentrantGrainInterleavesCallsButNeverRunsTwoTurnsAtOnce()
    {
        await using var silo = await TestSilo.StartAsync();
        var log = silo.Service<ActivationLog>();
        var grain = silo.Grains.GetGrain<IReentrantTurnGrain>("reentrant");

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => grain.Work(i, delayMilliseconds: 20))));

        Assert.True(log.MaxConcurrent > 1, $"calls did not interleave (max concurrent {log.MaxConcurrent})");
        Assert.DoesNotContain("OVERLAP", log.Events);
        // The first call has not ended when the second starts.
        Assert.Equal("start", log.Events.ElementAt(1)[..5]);
    }

    [Fact]
    public async Task ReentrantGrainLetsHeldCallsAllEnter()
    {
        await using var silo = await TestSilo.StartAsync(options: o => o.CallTimeout = TimeSpan.FromSeconds(10));
        var grain = silo.Grains.GetGrain<IReentrantTurnGrain>("gate");

        // Each Hold waits until 5 calls are inside: only possible when calls interleave.
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => grain.Hold(5)));
    }

    [Fact]
    public async Task NonReentrantGrainQueuesSecondCallBehindAHeldOneUnlessItAlwaysInterleaves()
    {
        await using (var silo = await TestSilo.StartAsync(options: o =>
                     {
                         o.CallTimeout = TimeSpan.FromMilliseconds(500);
                         o.ShutdownTimeout = TimeSpan.FromMilliseconds(100);
                     }))
        {
            var grain = silo.Grains.GetGrain<IStrictGrain>("queued");
            // Two calls that each wait for the other: they can only meet if they interleave.
            var first = grain.Hold(2);
            var second = grain.Hold(2);
            await Assert.ThrowsAsync<GrainCallTimeoutException>(() => first);
            await Assert.ThrowsAsync<GrainCallTimeoutException>(() => second);
            Assert.Equal(1, silo.Service<ActivationLog>().MaxConcurrent);
        }

        await using var silo2 = await TestSilo.StartAsync(options: o => o.CallTimeout = TimeSpan.FromSeconds(10));
        var held = silo2.Grains.GetGrain<IStrictGrain>("released");
        var holding = held.Hold(int.MaxValue);
        await held.Release(); // [AlwaysInterleave]: runs while Hold is in flight
        await holding;
    }

    [Fact]
    public async Task StatelessWorkerPoolRunsItsSizeOfCallsInParallel()
    {
        await using var silo = await TestSilo.StartAsync(options: o => o.CallTimeout = TimeSpan.FromSeconds(10));
        var log = silo.Service<ActivationLog>();
        var worker = silo.Grains.GetGrain<IWorkerGrain>("pool");

        // Each worker is non-reentrant, so 4 calls can all be inside Hold(4) only on 4 activations.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => worker.Hold(4))));

        Assert.Equal(4, log.Activations[new GrainId("worker", "pool")]);
        Assert.Equal(4, log.MaxConcurrent);
    }

    [Fact]
    public async Task StatelessWorkerPoolNeverGrowsBeyondItsSize()
    {
        await using var silo = await TestSilo.StartAsync();
        var log = silo.Service<ActivationLog>();
        var worker = silo.Grains.GetGrain<IWorkerGrain>("bounded");

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => worker.Work(i, delayMilliseconds: 5))));

        Assert.Equal(4, log.Activations[new GrainId("worker", "bounded")]);
        Assert.True(log.MaxConcurrent <= 4);
    }

    [Fact]
    public async Task TimerTicksAreTurnsThatNeverInterleaveWithCalls()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ITickingGrain>("ticker");
        await grain.Start(periodMilliseconds: 10);

        Assert.Equal(0, await grain.TicksDuring(200));
        await ActivationTests.WaitUntil(() => grain.Ticks().Result >= 3);

        await grain.StopTimer();
        var stopped = await grain.Ticks();
        await Task.Delay(100);
        Assert.Equal(stopped, await grain.Ticks());
    }
}
