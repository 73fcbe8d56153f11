using System.Runtime.InteropServices;

namespace Recsys.Model;

/// <summary>In-place updates of dictionaries of counts and of nested collections.</summary>
public static class Maps
{
    public static void Increment<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull =>
        Add(counts, key, 1);

    public static void Add<TKey>(Dictionary<TKey, int> counts, TKey key, int amount) where TKey : notnull =>
        CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _) += amount;

    public static TValue GetOrAdd<TKey, TValue>(Dictionary<TKey, TValue> map, TKey key)
        where TKey : notnull
        where TValue : class, new()
    {
        ref var value = ref CollectionsMarshal.GetValueRefOrAddDefault(map, key, out _);
        return value ??= new TValue();
    }
}
