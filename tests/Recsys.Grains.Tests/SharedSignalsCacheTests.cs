using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Recsys.Grains.Recommendations;

namespace Recsys.Grains.Tests;

public sealed class SharedSignalsCacheTests
{
    private readonly FakeTimeProvider _clock = new();
    private int _fetches;

    private SharedSignalsCache Cache(double ttlSeconds = 2) =>
        new(Options.Create(new RecommenderOptions { SharedSignalsTtl = TimeSpan.FromSeconds(ttlSeconds) }), _clock);

    private Task<string> Fetch(string answer)
    {
        _fetches++;
        return Task.FromResult(answer);
    }

    [Fact]
    public async Task AnAnswerIsReusedForTheTtlAndFetchedAgainAfterIt()
    {
        var cache = Cache();
        var key = new SignalKey(SignalKinds.Title, "A");

        Assert.Equal("first", await cache.GetOrFetch(key, () => Fetch("first")));
        _clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Equal("first", await cache.GetOrFetch(key, () => Fetch("second")));
        _clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal("second", await cache.GetOrFetch(key, () => Fetch("second")));
        Assert.Equal(2, _fetches);
    }

    [Fact]
    public async Task KeysDifferByKindKeyAndArgument()
    {
        var cache = Cache();
        await cache.GetOrFetch(new SignalKey(SignalKinds.Popularity, "global", 1), () => Fetch("minute 1"));

        Assert.Equal("minute 2", await cache.GetOrFetch(new SignalKey(SignalKinds.Popularity, "global", 2), () => Fetch("minute 2")));
        Assert.Equal("other scope", await cache.GetOrFetch(new SignalKey(SignalKinds.Popularity, "location:FRANCE", 1), () => Fetch("other scope")));
        Assert.Equal("other kind", await cache.GetOrFetch(new SignalKey(SignalKinds.Promotion, "global", 1), () => Fetch("other kind")));
        Assert.Equal(4, _fetches);
    }

    [Fact]
    public async Task ATtlOfZeroFetchesEveryTimeAndAFailureIsNotKept()
    {
        var uncached = Cache(ttlSeconds: 0);
        var key = new SignalKey(SignalKinds.Title, "A");
        await uncached.GetOrFetch(key, () => Fetch("a"));
        await uncached.GetOrFetch(key, () => Fetch("a"));
        Assert.Equal(2, _fetches);

        var cache = Cache();
        await Assert.ThrowsAsync<TimeoutException>(() => cache.GetOrFetch<string>(key, () => throw new TimeoutException()));
        Assert.Equal("after the failure", await cache.GetOrFetch(key, () => Fetch("after the failure")));
    }

    [Fact]
    public void PastItsCapacityTheCacheStartsAgainEmpty()
    {
        var cache = Cache();
        for (var i = 0; i < SharedSignalsCache.Capacity; i++)
        {
            cache.Set(new SignalKey(SignalKinds.Title, "item", i), "title");
        }
        Assert.True(cache.TryGet<string>(new SignalKey(SignalKinds.Title, "item", 0), out _));

        cache.Set(new SignalKey(SignalKinds.Title, "one more"), "title");

        Assert.False(cache.TryGet<string>(new SignalKey(SignalKinds.Title, "item", 0), out _));
        Assert.True(cache.TryGet<string>(new SignalKey(SignalKinds.Title, "one more"), out _));
    }
}
