namespace Recsys.Model.Ranking;

/// <summary>Proposes the items worth scoring for one query: the customer's own items, and items they never
/// bought from item-kNN, customer-kNN, title similarity, their country's popular items and the trending ones.</summary>
internal static class CandidateGenerator
{
    /// <summary>Distinct items in the order the sources propose them (own items first), each with every
    /// source that proposed it.</summary>
    /// <param name="keep">The items a request's filters let through; null: all. Each source proposes its best items
    /// among those.</param>
    /// <param name="retrieved">Items to add last (<see cref="CandidateSources.Retrieval"/>).</param>
    public static List<(int Item, CandidateSources Sources)> Generate(QuerySignals signals, Func<int, bool>? keep = null,
        IReadOnlyList<int>? retrieved = null)
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
        Add(ownItems.Where(Kept).Take(options.RepeatCandidates), CandidateSources.Repeat);
        Add(TopUnbought(signals.ItemKnnRecent, options.ItemKnnCandidates), CandidateSources.ItemKnn);
        Add(TopUnbought(signals.CustomerKnn, options.CustomerKnnCandidates), CandidateSources.CustomerKnn);
        Add(TopUnbought(signals.TitleKnn, options.TitleCandidates), CandidateSources.Title);
        if (signals.Query.Country is { } country
            && signals.History.PopularInCountry.TryGetValue(country, out var inCountry))
        {
            Add(Unbought(inCountry).Take(options.PopularCandidates), CandidateSources.Popular);
        }

        Add(Unbought(signals.History.Trending).Take(options.PopularCandidates), CandidateSources.Popular);
        Add(retrieved ?? [], CandidateSources.Retrieval);
        return candidates;

        bool Kept(int item) => keep is null || keep(item);

        IEnumerable<int> Unbought(IEnumerable<int> items) => items.Where(item => !customerItems.ContainsKey(item) && Kept(item));

        IEnumerable<int> TopUnbought(ItemScores scores, int count) =>
            scores.Top(count, item => !customerItems.ContainsKey(item) && Kept(item));

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
