namespace Recsys.Search;

/// <summary>A query of the offline search evaluation: words taken from one item's title (<see cref="SourceItemId"/>),
/// perhaps with a typo, and the items whose titles hold every one of those words (as spelt correctly).</summary>
public sealed record SearchQuery(string Text, string SourceItemId, IReadOnlySet<string> Relevant, bool HasTypo);

/// <summary>Builds the offline query set from a catalog, without labels from outside it: a sampled item's title gives
/// two of its words (three letters or more, in title order); every item whose title holds both words is relevant.
/// Each query comes twice, as written and with one typo in its longest word (a letter swapped with the next,
/// dropped, doubled or replaced, never the first: people rarely miss the first letter).</summary>
public static class SearchQuerySet
{
    private const int WordsPerQuery = 2;
    private const int ShortestWord = 3;

    public static List<SearchQuery> FromCatalog(IReadOnlyList<SearchDocument> catalog, int items, int seed)
    {
        var random = new Random(seed);
        var words = catalog.ToDictionary(item => item.ItemId, item => TitleWords(item.Title).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        // In title order, as the query keeps them.
        var queryable = catalog.ToDictionary(item => item.ItemId,
            item => TitleWords(item.Title).Where(word => word.Length >= ShortestWord).Distinct().ToList(), StringComparer.Ordinal);
        var queries = new List<SearchQuery>();
        foreach (var source in catalog.Where(item => queryable[item.ItemId].Count >= WordsPerQuery).OrderBy(_ => random.Next()).Take(items))
        {
            var candidates = queryable[source.ItemId];
            var picked = candidates.OrderBy(_ => random.Next()).Take(WordsPerQuery).OrderBy(candidates.IndexOf).ToList();
            var relevant = words.Where(item => picked.All(item.Value.Contains)).Select(item => item.Key).ToHashSet(StringComparer.Ordinal);
            queries.Add(new SearchQuery(string.Join(' ', picked).ToLowerInvariant(), source.ItemId, relevant, HasTypo: false));
            var longest = picked.OrderByDescending(word => word.Length).First();
            var misspelt = picked.Select(word => word == longest ? Typo(word, random) : word);
            queries.Add(new SearchQuery(string.Join(' ', misspelt).ToLowerInvariant(), source.ItemId, relevant, HasTypo: true));
        }
        return queries;
    }

    /// <summary>A title's words, upper case: runs of letters and digits.</summary>
    public static IEnumerable<string> TitleWords(string title)
    {
        var start = -1;
        for (var i = 0; i <= title.Length; i++)
        {
            var inWord = i < title.Length && char.IsLetterOrDigit(title[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return title[start..i].ToUpperInvariant();
                start = -1;
            }
        }
    }

    private static string Typo(string word, Random random)
    {
        var at = random.Next(1, word.Length);
        var letter = (char)('A' + random.Next(26));
        return random.Next(4) switch
        {
            // Swapping two equal letters would leave the word as it was: that one gets a letter replaced instead.
            0 when at < word.Length - 1 && word[at] != word[at + 1] =>
                string.Concat(word.AsSpan(0, at), word[at + 1].ToString(), word[at].ToString(), word.AsSpan(at + 2)),
            1 => word.Remove(at, 1),
            2 => word.Insert(at, word[at].ToString()),
            _ => string.Concat(word.AsSpan(0, at), (letter == word[at] ? (char)('A' + (letter - 'A' + 1) % 26) : letter).ToString(), word.AsSpan(at + 1)),
        };
    }
}

/// <summary>NDCG@10 (binary gains, against the best order of the relevant items), MRR and the share of queries
/// whose source item is in the top 10, averaged over queries.</summary>
public sealed record SearchQuality(int Queries, double Ndcg10, double Mrr, double SourceHitRate10)
{
    private const int Cutoff = 10;

    public static SearchQuality Of(IEnumerable<(SearchQuery Query, IReadOnlyList<string> Ranked)> results)
    {
        double ndcg = 0, mrr = 0, hits = 0;
        var count = 0;
        foreach (var (query, ranked) in results)
        {
            count++;
            var top = ranked.Take(Cutoff).ToList();
            double dcg = 0;
            for (var rank = 0; rank < top.Count; rank++)
            {
                if (query.Relevant.Contains(top[rank]))
                {
                    dcg += 1 / Math.Log2(rank + 2);
                }
            }
            var ideal = Enumerable.Range(0, Math.Min(Cutoff, query.Relevant.Count)).Sum(rank => 1 / Math.Log2(rank + 2));
            ndcg += ideal > 0 ? dcg / ideal : 0;
            var first = ranked.Select((id, rank) => (id, rank)).FirstOrDefault(pair => query.Relevant.Contains(pair.id), (null!, -1)).rank;
            mrr += first >= 0 ? 1.0 / (first + 1) : 0;
            hits += top.Contains(query.SourceItemId) ? 1 : 0;
        }
        return count == 0 ? new SearchQuality(0, 0, 0, 0) : new SearchQuality(count, ndcg / count, mrr / count, hits / count);
    }
}
