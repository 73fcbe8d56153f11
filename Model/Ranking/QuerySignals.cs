using System.Runtime.InteropServices;
using Recsys.Model.Evaluation;

namespace Recsys.Model.Ranking;

/// <summary>The per-query scores that both propose candidates and become their features: item-kNN from
/// the customer's baskets, customer-kNN from similar customers.</summary>
internal sealed class QuerySignals
{
    /// <summary>Decay of the baskets in the recent item-kNN score, as ITEMKNN's.</summary>
    private const double ItemKnnDecayDays = 90;

    /// <summary>Index of the 30-day decay in <see cref="RankingFeatures.RepeatDecayDays"/>.</summary>
    private const int Decay30Days = 1;

    private QuerySignals(PurchaseHistory history, RecommendationQuery query, CustomerHistory customer)
    {
        History = history;
        Query = query;
        Customer = customer;
        QueryDay = PurchaseHistory.DayOf(query.Time);
        Country = history.InCountry(query.Country);
    }

    public PurchaseHistory History { get; }

    public RecommendationQuery Query { get; }

    public CustomerHistory Customer { get; }

    public double QueryDay { get; }

    /// <summary>The popularity of the query's country; null when the history has no basket from it.</summary>
    public ItemCounts? Country { get; }

    /// <summary>ITEMKNN's score over the customer's recent baskets.</summary>
    public Dictionary<int, double> ItemKnnRecent { get; } = [];

    /// <summary>Similarity to the customer's whole item profile, weighted by 90-day repeat scores.</summary>
    public Dictionary<int, double> ItemKnnProfile { get; } = [];

    /// <summary>Mean similarity to the items of the latest basket.</summary>
    public Dictionary<int, double> ItemKnnLastBasket { get; } = [];

    /// <summary>Similarity-weighted share of similar customers who bought the item.</summary>
    public Dictionary<int, double> CustomerKnn { get; } = [];

    /// <summary>As <see cref="CustomerKnn"/>, each purchase weighted by its 30-day recency.</summary>
    public Dictionary<int, double> CustomerKnnRecent { get; } = [];

    /// <summary>Σ over the customer's items i of w_i title-cos(i, item)², w_i their 90-day repeat score:
    /// variants of the product lines the customer buys.</summary>
    public Dictionary<int, double> TitleKnn { get; } = [];

    /// <summary>Largest title cosine between the item and one of the customer's items.</summary>
    public Dictionary<int, double> TitleKnnMax { get; } = [];

    /// <summary>Cosine of each item's title vector with the customer's taste (their items' title vectors
    /// weighted by 90-day repeat scores); items without affinity are absent.</summary>
    public Dictionary<int, double> TitleAffinity { get; } = [];

    /// <summary>The taste of the latest basket alone, in title-word space.</summary>
    public Dictionary<int, double> LastBasketTaste { get; private set; } = [];

    public double DecayedBasketMass90Days { get; private set; }

    /// <exception cref="ArgumentException">The query's cutoff is not the history's, or its time is before it.
    /// </exception>
    public static QuerySignals? Compute(PurchaseHistory history, RecommendationQuery query)
    {
        if (query.Cutoff != history.Cutoff || query.Time < query.Cutoff)
        {
            throw new ArgumentException(
                $"a query at {query.Time:u} with cutoff {query.Cutoff:u} does not fit a history cut at "
                + $"{history.Cutoff:u}",
                nameof(query));
        }

        if (!history.Customers.TryGetValue(query.CustomerId, out var customer))
        {
            return null;
        }

        var signals = new QuerySignals(history, query, customer);
        signals.ComputeItemKnn();
        signals.ComputeCustomerKnn();
        signals.ComputeTitleAffinity();
        signals.DecayedBasketMass90Days = customer.DecayedBasketMass(history.CutoffDay,
            RankingFeatures.RepeatDecayDays[RankingFeatures.Decay90Days]);
        return signals;
    }

    private void ComputeItemKnn()
    {
        var neighbourhood = History.Neighbourhood;
        var baskets = Customer.Baskets;
        for (var b = Math.Max(0, baskets.Count - History.Options.ItemKnnRecentBaskets); b < baskets.Count; b++)
        {
            var weight = Math.Exp(-(History.CutoffDay - baskets[b].Day) / ItemKnnDecayDays);
            foreach (var item in baskets[b].Items)
            {
                AddNeighbours(ItemKnnRecent, item, weight);
            }
        }

        var lastBasket = baskets[^1].Items;
        foreach (var item in lastBasket)
        {
            AddNeighbours(ItemKnnLastBasket, item, 1.0 / lastBasket.Length);
        }

        var profileMass = 0.0;
        foreach (var purchases in Customer.Items.Values)
        {
            profileMass += purchases.Decayed[RankingFeatures.Decay90Days];
        }

        foreach (var (item, purchases) in Customer.Items)
        {
            AddNeighbours(ItemKnnProfile, item, purchases.Decayed[RankingFeatures.Decay90Days] / profileMass);
        }

        void AddNeighbours(Dictionary<int, double> scores, int item, double weight)
        {
            var neighbours = neighbourhood.NeighboursOf(item);
            var similarities = neighbourhood.SimilaritiesOf(item);
            for (var n = 0; n < neighbours.Length; n++)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(scores, neighbours[n], out _) += similarities[n] * weight;
            }
        }
    }

    private void ComputeTitleAffinity()
    {
        var titles = History.Titles;
        var taste = titles.Profile(
            Customer.Items.Select(pair => (pair.Key, pair.Value.Decayed[RankingFeatures.Decay90Days])));
        foreach (var (item, purchases) in Customer.Items)
        {
            var neighbours = titles.Neighbourhood.NeighboursOf(item);
            var similarities = titles.Neighbourhood.SimilaritiesOf(item);
            for (var n = 0; n < neighbours.Length; n++)
            {
                var similarity = (double)similarities[n];
                CollectionsMarshal.GetValueRefOrAddDefault(TitleKnn, neighbours[n], out _) +=
                    purchases.Decayed[RankingFeatures.Decay90Days] * similarity * similarity;
                ref var maximum = ref CollectionsMarshal.GetValueRefOrAddDefault(TitleKnnMax, neighbours[n], out _);
                maximum = Math.Max(maximum, similarity);
            }
        }

        if (taste.Count > 0)
        {
            for (var item = 0; item < History.Items.Count; item++)
            {
                if (titles.Affinity(taste, item) is var affinity and > 0)
                {
                    TitleAffinity.Add(item, affinity);
                }
            }
        }

        LastBasketTaste = titles.Profile(Customer.Baskets[^1].Items.Select(item => (item, 1.0)));
    }

    private void ComputeCustomerKnn()
    {
        var similar = History.SimilarCustomers(Customer, History.Options.SimilarCustomers);
        var totalSimilarity = similar.Sum(neighbour => (double)neighbour.Similarity);
        foreach (var (neighbour, similarity) in similar)
        {
            var weight = similarity / totalSimilarity;
            foreach (var (item, purchases) in neighbour.Items)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(CustomerKnn, item, out _) += weight;
                CollectionsMarshal.GetValueRefOrAddDefault(CustomerKnnRecent, item, out _) +=
                    weight * purchases.Decayed[Decay30Days];
            }
        }
    }
}
