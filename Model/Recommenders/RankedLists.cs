using System.Runtime.InteropServices;

namespace Recsys.Model.Recommenders;

/// <summary>Turns item scores into ranked lists: top-k, filling from fallback lists, mixing.</summary>
public static class RankedLists
{
    /// <summary>The best <paramref name="count"/> scored items: score (desc), then rank in
    /// <paramref name="tieBreak"/> (usually global popularity), then id (ordinal).</summary>
    public static List<string> TopByScore(IEnumerable<KeyValuePair<string, double>> scores, int count,
        ItemRanking tieBreak, IReadOnlySet<string>? exclude = null)
    {
        var order = Comparer<KeyValuePair<string, double>>.Create((a, b) =>
        {
            var byScore = b.Value.CompareTo(a.Value);
            if (byScore != 0)
            {
                return byScore;
            }

            var byRank = tieBreak.RankOf(a.Key).CompareTo(tieBreak.RankOf(b.Key));
            return byRank != 0 ? byRank : string.CompareOrdinal(a.Key, b.Key);
        });
        var candidates = exclude is null ? scores : scores.Where(pair => !exclude.Contains(pair.Key));
        return TopK.Select(candidates, count, order).ConvertAll(pair => pair.Key);
    }

    /// <summary>The first <paramref name="count"/> distinct, non-excluded items of <paramref name="ranked"/>,
    /// then of each of <paramref name="fallbacks"/> in turn.</summary>
    public static List<string> Fill(IEnumerable<string> ranked, int count, IReadOnlySet<string>? exclude,
        params ReadOnlySpan<IEnumerable<string>> fallbacks)
    {
        var filled = new List<string>(count);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        TakeFrom(ranked);
        foreach (var fallback in fallbacks)
        {
            TakeFrom(fallback);
        }

        return filled;

        void TakeFrom(IEnumerable<string> items)
        {
            foreach (var item in items)
            {
                if (filled.Count >= count)
                {
                    return;
                }

                if (exclude?.Contains(item) != true && taken.Add(item))
                {
                    filled.Add(item);
                }
            }
        }
    }

    /// <summary>Sums the parts' scores, each divided by its part's maximum (1 when the part is empty or its
    /// maximum is 0) and multiplied by its weight: e.g. REPEAT+KNN = norm(REPEAT) + 0.5 norm(ITEMKNN).</summary>
    public static Dictionary<string, double> Mix(params ReadOnlySpan<WeightedScores> parts)
    {
        var mixed = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (scores, weight) in parts)
        {
            var maximum = scores.Count == 0 ? 0 : scores.Values.Max();
            var normaliser = maximum == 0 ? 1 : maximum;
            foreach (var (item, score) in scores)
            {
                // (weight * score) / normaliser, in the reference implementation's order of operations.
                CollectionsMarshal.GetValueRefOrAddDefault(mixed, item, out _) += weight * score / normaliser;
            }
        }

        return mixed;
    }
}
