using Recsys.Model.Evaluation;

namespace Recsys.Model.Ranking;

/// <summary>The per-query scores that both propose candidates and become their features: item-kNN from
/// the customer's baskets, customer-kNN from similar customers.</summary>
internal sealed class QuerySignals : IDisposable
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
        ItemKnnRecent = history.RentScores();
        ItemKnnProfile = history.RentScores();
        ItemKnnLastBasket = history.RentScores();
        CustomerKnn = history.RentScores();
        CustomerKnnRecent = history.RentScores();
        TitleKnn = history.RentScores();
        TitleKnnMax = history.RentScores();
    }

    public PurchaseHistory History { get; }

    public RecommendationQuery Query { get; }

    public CustomerHistory Customer { get; }

    public double QueryDay { get; }

    /// <summary>The popularity of the query's country; null when the history has no basket from it.</summary>
    public ItemCounts? Country { get; }

    /// <summary>ITEMKNN's score over the customer's recent baskets.</summary>
    public ItemScores ItemKnnRecent { get; }

    /// <summary>Similarity to the customer's whole item profile, weighted by 90-day repeat scores.</summary>
    public ItemScores ItemKnnProfile { get; }

    /// <summary>Mean similarity to the items of the latest basket.</summary>
    public ItemScores ItemKnnLastBasket { get; }

    /// <summary>Similarity-weighted share of similar customers who bought the item.</summary>
    public ItemScores CustomerKnn { get; }

    /// <summary>As <see cref="CustomerKnn"/>, each purchase weighted by its 30-day recency.</summary>
    public ItemScores CustomerKnnRecent { get; }

    /// <summary>Σ over the customer's items i of w_i title-cos(i, item)², w_i their 90-day repeat score:
    /// variants of the product lines the customer buys.</summary>
    public ItemScores TitleKnn { get; }

    /// <summary>Largest title cosine between the item and one of the customer's items.</summary>
    public ItemScores TitleKnnMax { get; }

    /// <summary>The customer's taste in title-word space: their items' title vectors weighted by 90-day repeat
    /// scores.</summary>
    public Dictionary<int, double> Taste { get; private set; } = [];

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
        signals.ComputeTitleSignals();
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
        foreach (var (_, purchases) in Customer.Purchases)
        {
            profileMass += purchases.Decayed[RankingFeatures.Decay90Days];
        }

        foreach (var (item, purchases) in Customer.Purchases)
        {
            AddNeighbours(ItemKnnProfile, item, purchases.Decayed[RankingFeatures.Decay90Days] / profileMass);
        }

        void AddNeighbours(ItemScores scores, int item, double weight)
        {
            var neighbours = neighbourhood.NeighboursOf(item);
            var similarities = neighbourhood.SimilaritiesOf(item);
            for (var n = 0; n < neighbours.Length; n++)
            {
                scores.Add(neighbours[n], similarities[n] * weight);
            }
        }
    }

    private void ComputeTitleSignals()
    {
        var titles = History.Titles;
        Taste = titles.Profile(
            Customer.Purchases.Select(pair => (pair.Item, pair.Purchases.Decayed[RankingFeatures.Decay90Days])));
        foreach (var (item, purchases) in Customer.Purchases)
        {
            var neighbours = titles.Neighbourhood.NeighboursOf(item);
            var similarities = titles.Neighbourhood.SimilaritiesOf(item);
            for (var n = 0; n < neighbours.Length; n++)
            {
                var similarity = (double)similarities[n];
                TitleKnn.Add(neighbours[n], purchases.Decayed[RankingFeatures.Decay90Days] * similarity * similarity);
                TitleKnnMax.Max(neighbours[n], similarity);
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
            foreach (var (item, purchases) in neighbour.Purchases)
            {
                CustomerKnn.Add(item, weight);
                CustomerKnnRecent.Add(item, weight * purchases.Decayed[Decay30Days]);
            }
        }
    }

    public void Dispose()
    {
        foreach (var scores in (ItemScores[])[ItemKnnRecent, ItemKnnProfile, ItemKnnLastBasket, CustomerKnn,
                     CustomerKnnRecent, TitleKnn, TitleKnnMax])
        {
            History.Return(scores);
        }
    }
}
