namespace Recsys.Runtime.Tests;

public sealed class ActivationTests
{
    [Fact]
    public async Task OneActivationServesAThousandConcurrentCallsToOneKey()
    {
        await using var silo = await TestSilo.StartAsync();
        var log = silo.Service<ActivationLog>();

        var calls = Enumerable.Range(0, 1000)
            .Select(_ => Task.Run(() => silo.Grains.GetGrain<ICounterGrain>("hot").Increment()));
        var results = await Task.WhenAll(calls);

        Assert.Equal(1000, await silo.Grains.GetGrain<ICounterGrain>("hot").Get());
        Assert.Equal(Enumerable.Range(1, 1000), results.Order());
        Assert.Equal(1, log.Activations[new GrainId("counter", "hot")]);
    }

    [Fact]
    public async Task DifferentKeysGetDifferentActivations()
    {
        await using var silo = await TestSilo.StartAsync();

        await silo.Grains.GetGrain<ICounterGrain>("a").Increment();
        await silo.Grains.GetGrain<ICounterGrain>("a").Increment();
        await silo.Grains.GetGrain<ICounterGrain>("b").Increment();

        Assert.Equal(2, await silo.Grains.GetGrain<ICounterGrain>("a").Get());
        Assert.Equal(1, await silo.Grains.GetGrain<ICounterGrain>("b").Get());
    }

    [Fact]
    public async Task ExceptionReachesCallerWithTypeAndMessageAndGrainKeepsWorking()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>("fragile");
        await grain.Increment();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.Fail("quantity must be positive"));

        Assert.StartsWith("quantity must be positive", error.Message);
        Assert.Equal("input", error.ParamName);
        Assert.Equal(2, await grain.Increment());
        Assert.Equal(1, silo.Service<ActivationLog>().Activations[new GrainId("counter", "fragile")]);
    }

    [Fact]
    public async Task FailedActivationIsReportedAndTheNextCallActivatesAfresh()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IFlakyGrain>("x");

        var error = await Assert.ThrowsAsync<GrainActivationException>(() => grain.Hello());

        Assert.Contains("flaky/x", error.Message);
        Assert.Contains("first activation always fails", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal("hello", await grain.Hello());
    }

    [Fact]
    public async Task CallThatOutlivesTheTimeoutFailsWithANamedTimeout()
    {
        await using var silo = await TestSilo.StartAsync(options: o =>
        {
            o.CallTimeout = TimeSpan.FromMilliseconds(200);
            o.ShutdownTimeout = TimeSpan.FromMilliseconds(100); // Never() never lets go
        });
        var grain = silo.Grains.GetGrain<ISlowGrain>(7);

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => grain.Never());

        Assert.Equal(new GrainId("slow", "7"), error.Grain);
        Assert.Contains("ISlowGrain.Never", error.Message);
        Assert.Contains("slow/7", error.Message);
    }

    [Fact]
    public async Task ValueTaskMethodsReturnTheirResult()
    {
        await using var silo = await TestSilo.StartAsync();

        Assert.Equal(42, await silo.Grains.GetGrain<ISlowGrain>(1).Echo(42));
    }

    [Fact]
    public async Task DeactivateOnIdleRunsOnDeactivateAndTheNextCallReactivates()
    {
        await using var silo = await TestSilo.StartAsync();
        var log = silo.Service<ActivationLog>();
        var grain = silo.Grains.GetGrain<ICounterGrain>("cycle");
        await grain.Increment();

        await grain.Deactivate();
        await WaitUntil(() => !log.Deactivations.IsEmpty);

        Assert.Equal(0, await grain.Get()); // in-memory fields are gone with the activation
        Assert.Equal((new GrainId("counter", "cycle"), DeactivationReason.ApplicationRequested), Assert.Single(log.Deactivations));
        Assert.Equal(2, log.Activations[new GrainId("counter", "cycle")]);
    }

    [Fact]
    public async Task IdleActivationsAreCollected()
    {
        await using var silo = await TestSilo.StartAsync(options: o => o.CollectionQuantum = TimeSpan.FromMilliseconds(50));
        var log = silo.Service<ActivationLog>();
        await silo.Grains.GetGrain<IIdleGrain>("sleepy").Touch();

        await WaitUntil(() => !log.Deactivations.IsEmpty);

        Assert.Equal(DeactivationReason.IdleTimeout, Assert.Single(log.Deactivations).Reason);
        Assert.Equal(0, silo.ActivationCount);
    }

    [Fact]
    public async Task ShutdownDeactivatesEveryActivationAndRefusesNewCalls()
    {
        var silo = await TestSilo.StartAsync();
        var log = silo.Service<ActivationLog>();
        await silo.Grains.GetGrain<ICounterGrain>("a").Increment();
        await silo.Grains.GetGrain<ICounterGrain>("b").Increment();

        await silo.StopAsync();

        Assert.Equal(2, log.Deactivations.Count(d => d.Reason == DeactivationReason.ShuttingDown));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => silo.Grains.GetGrain<ICounterGrain>("c").Increment());
        await silo.DisposeAsync();
    }

    [Fact]
    public async Task GrainReferencesCarryTheirIdentity()
    {
        await using var silo = await TestSilo.StartAsync();

        var reference = silo.Grains.GetGrain<ICounterGrain>("k1");

        Assert.Equal(new GrainId("counter", "k1"), reference.GetGrainId());
        Assert.Equal(reference, silo.Grains.GetGrain<ICounterGrain>("k1"));
        Assert.Equal("counter/k1", reference.ToString());
        Assert.Throws<ArgumentException>(() => silo.Grains.GetGrain<ICounterGrain>(""));
        var ambiguous = Assert.Throws<InvalidOperationException>(() => silo.Grains.GetGrain<ITurnGrain>("k"));
        Assert.Contains("several classes", ambiguous.Message);
    }

    internal static async Task WaitUntil(Func<bool> condition, int timeoutMilliseconds = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }
}
