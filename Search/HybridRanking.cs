namespace Recsys.Search;

/// <summary>Fuses ranked lists by reciprocal rank: an item scores Σ weight / (<see cref="RankOffset"/> + rank) over
/// the lists that hold it. Ranks rather than scores, because BM25 scores and cosines have no common scale and a
/// query's best BM25 score varies with its words.</summary>
public static class HybridRanking
{
    /// <summary>The usual constant of reciprocal rank fusion: ranks 1 and 2 differ little, ranks 1 and 50 a lot.</summary>
    public const int RankOffset = 60;

    /// <returns>Every item of the lists, best first (ties by id), with its fused score.</returns>
    public static IReadOnlyList<(string ItemId, double Score)> Fuse(params (IReadOnlyList<string> Ranked, double Weight)[] lists)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (ranked, weight) in lists)
        {
            for (var rank = 0; rank < ranked.Count; rank++)
            {
                scores[ranked[rank]] = scores.GetValueOrDefault(ranked[rank]) + weight / (RankOffset + rank + 1);
            }
        }

        return [.. scores.Select(pair => (pair.Key, pair.Value))
            .OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)];
    }
}
