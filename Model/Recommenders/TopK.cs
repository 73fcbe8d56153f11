namespace Recsys.Model.Recommenders;

/// <summary>Partial sorting: the best few of many candidates in O(n log k).</summary>
internal static class TopK
{
    /// <summary>The first <paramref name="count"/> elements of <paramref name="source"/> in
    /// <paramref name="order"/>, best first. <paramref name="order"/> must be a total order.</summary>
    public static List<T> Select<T>(IEnumerable<T> source, int count, IComparer<T> order)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return [];
        }

        // The heap's root is the worst element kept, so a better candidate replaces it.
        var worstFirst = Comparer<T>.Create((a, b) => order.Compare(b, a));
        var kept = new PriorityQueue<T, T>(worstFirst);
        foreach (var candidate in source)
        {
            if (kept.Count < count)
            {
                kept.Enqueue(candidate, candidate);
            }
            else if (order.Compare(candidate, kept.Peek()) < 0)
            {
                kept.EnqueueDequeue(candidate, candidate);
            }
        }

        var best = new List<T>(kept.Count);
        while (kept.TryDequeue(out var element, out _))
        {
            best.Add(element);
        }

        best.Reverse();
        return best;
    }
}
