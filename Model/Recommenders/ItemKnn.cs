using System.Runtime.InteropServices;

namespace Recsys.Model.Recommenders;

/// <summary>The ITEMKNN recommender: items similar to those of the customer's recent baskets.</summary>
public static class ItemKnn
{
    /// <summary>score(j) = Σ over the baskets b, the items i of b and the neighbours j of i of
    /// sim(i, j) · exp(-age_days(b) / decayDays), age seen from <paramref name="at"/>.</summary>
    /// <param name="baskets">The customer's recent baskets, oldest first.</param>
    /// <param name="neighbours">An item's neighbours, e.g. <see cref="CooccurrenceIndex.Neighbours"/>.</param>
    public static Dictionary<string, double> Scores(IEnumerable<RecentBasket> baskets, DateTimeOffset at,
        Func<string, IReadOnlyList<ItemNeighbour>> neighbours, double decayDays = RecencyDecay.DefaultDays)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var basket in baskets)
        {
            var weight = RecencyDecay.Weight(basket.Time, at, decayDays);
            foreach (var item in basket.Items)
            {
                foreach (var (candidate, similarity) in neighbours(item))
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(scores, candidate, out _) += similarity * weight;
                }
            }
        }

        return scores;
    }
}
