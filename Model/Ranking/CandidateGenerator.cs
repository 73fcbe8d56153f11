namespace Recsys.Model.Ranking;

/// <summary>Proposes the items worth scoring for one query: the customer's own items, and items they never
/// bought from item-kNN, customer-kNN, title similarity, their country's popular items and the trending ones.</summary>
internal static class CandidateGenerator
{
    /// <summary>Distinct items in the order the sources propose them (own items first), each with every
    /// source that proposed it.</summary>
    public static List<(int Item, CandidateSources Sources)> Generate(QuerySignals signals)
    {
        var options = signals.History.Options;
        var customerItems = signals.Customer.Items;
        var candidates = new List<(int Item, CandidateSources Sources)>();
        var positions = new Dictionary<int, int>();

        var ownItems = customerItems.Keys.ToArray();
        Array.Sort(ownItems, (a, b) =>
        {
            var order = customerItems[b].Decayed[RankingFeatures.Decay90Days]
                .CompareTo(customerItems[a].Decayed[RankingFeatures.Decay90Days]);
            return order != 0 ? order : a.CompareTo(b);
        });
        Add(ownItems.Take(options.RepeatCandidates), CandidateSources.Repeat);
        Add(TopUnbought(signals.ItemKnnRecent, options.ItemKnnCandidates), CandidateSources.ItemKnn);
        Add(TopUnbought(signals.CustomerKnn, options.CustomerKnnCandidates), CandidateSources.CustomerKnn);
        Add(TopUnbought(signals.TitleKnn, options.TitleCandidates), CandidateSources.Title);
        if (signals.Query.Country is { } country
            && signals.History.PopularInCountry.TryGetValue(country, out var inCountry))
        {
            Add(Unbought(inCountry).Take(options.PopularCandidates), CandidateSources.Popular);
        }

        Add(Unbought(signals.History.Trending).Take(options.PopularCandidates), CandidateSources.Popular);
        return candidates;

        IEnumerable<int> Unbought(IEnumerable<int> items) => items.Where(item => !customerItems.ContainsKey(item));

        IEnumerable<int> TopUnbought(Dictionary<int, double> scores, int count) =>
            scores.Where(pair => !customerItems.ContainsKey(pair.Key))
                .OrderByDescending(pair => pair.Value)
                .ThenBy(pair => pair.Key)
                .Take(count)
                .Select(pair => pair.Key);

        void Add(IEnumerable<int> items, CandidateSources source)
        {
            foreach (var item in items)
            {
                if (positions.TryGetValue(item, out var position))
                {
                    candidates[position] = (item, candidates[position].Sources | source);
                }
                else
                {
                    positions.Add(item, candidates.Count);
                    candidates.Add((item, source));
                }
            }
        }
    }
}
