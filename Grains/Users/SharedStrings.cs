using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Recsys.Grains.Users;

/// <summary>One copy per silo of the strings that recur across users' state: item ids and locations (a country or
/// region label of at most 64 characters, shared by many users). Every event arrives with copies of its own (from
/// JSON or a grain call), and users' histories, profiles and baskets would keep each of them, about 40 bytes a string.
/// Bounded, so that ids that never recur cannot grow it without end: past <see cref="Capacity"/> strings are kept as
/// they came (at most about 20 MB held). It outlives erasure, so user, event and basket ids never enter it.</summary>
internal static class SharedStrings
{
    public const int Capacity = 200_000;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static int _count;

    [return: NotNullIfNotNull(nameof(value))]
    public static string? Of(string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (Pool.TryGetValue(value, out var shared))
        {
            return shared;
        }
        if (Volatile.Read(ref _count) >= Capacity)
        {
            return value;
        }
        shared = Pool.GetOrAdd(value, value);
        if (ReferenceEquals(shared, value))
        {
            Interlocked.Increment(ref _count);
        }
        return shared;
    }
}
