using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Recsys.Grains.Recommendations;

/// <summary>What a silo's user grains read of the shared grains (neighbour lists, popularity rankings, promotions,
/// titles), kept for <see cref="RecommenderOptions.SharedSignalsTtl"/>. A recommendation otherwise makes about 25
/// grain calls to the same few grains, whose answers change slowly, and their cost was most of a recommendation's
/// median. Bounded: past <see cref="Capacity"/> keys it starts again empty. A neighbour list read from another silo is
/// a copy of about 7 KB, so a full cache holds some 140 MB at most; from this silo's own grains it is the grain's
/// own list.</summary>
public sealed class SharedSignalsCache(IOptions<RecommenderOptions> options, TimeProvider clock)
{
    public const int Capacity = 20_000;

    private readonly long _ttlTicks = (long)(options.Value.SharedSignalsTtl.TotalSeconds * clock.TimestampFrequency);
    private readonly ConcurrentDictionary<SignalKey, Entry> _entries = new();
    private int _count;

    /// <summary>The kept answer to <paramref name="key"/>, or else <paramref name="fetch"/>'s, kept when it succeeds.</summary>
    public async Task<T> GetOrFetch<T>(SignalKey key, Func<Task<T>> fetch)
    {
        if (TryGet<T>(key, out var kept))
        {
            return kept;
        }
        var fetched = await fetch();
        Set(key, fetched);
        return fetched;
    }

    public bool TryGet<T>(SignalKey key, out T value)
    {
        if (_ttlTicks > 0 && _entries.TryGetValue(key, out var entry) && clock.GetTimestamp() < entry.Expires)
        {
            value = (T)entry.Value!;
            return true;
        }
        value = default!;
        return false;
    }

    public void Set<T>(SignalKey key, T value)
    {
        if (_ttlTicks <= 0)
        {
            return;
        }
        var entry = new Entry(value, clock.GetTimestamp() + _ttlTicks);
        if (_entries.TryGetValue(key, out _))
        {
            _entries[key] = entry; // an answer again after its time ran out: not a new key
            return;
        }
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _count, 0);
        }
        _entries[key] = entry;
    }

    private readonly record struct Entry(object? Value, long Expires);
}

/// <summary>A question asked of a shared grain: what (<paramref name="Kind"/>), of which grain or item
/// (<paramref name="Key"/>), with which argument (<paramref name="Argument"/>, 0 when none).</summary>
public readonly record struct SignalKey(string Kind, string Key, long Argument = 0);

/// <summary>The kinds of <see cref="SignalKey"/>.</summary>
internal static class SignalKinds
{
    public const string Neighbours = "neighbours";
    public const string Popularity = "popularity";
    public const string Promotion = "promotion";
    public const string Title = "title";
}
