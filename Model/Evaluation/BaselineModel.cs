using Recsys.Model.Data;
using Recsys.Model.Recommenders;

namespace Recsys.Model.Evaluation;

/// <summary>The non-learned recommenders of all customers in one process, fed one purchase at a time
/// exactly as the live grains feed theirs: POP, POP-COUNTRY, REPEAT, ITEMKNN and REPEAT+KNN.</summary>
/// <remarks>Recommendations are computed at <see cref="RecommendationQuery.Cutoff"/>, as the reference
/// implementation does. Not thread-safe.</remarks>
public sealed class BaselineModel
{
    private readonly BaselineOptions options;
    private readonly BasketPopularity popularity;
    private readonly Dictionary<string, BasketPopularity> popularityByCountry = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CustomerHistory> customers = new(StringComparer.Ordinal);
    private readonly CooccurrenceIndex cooccurrences;
    private PopularityRankings? rankings;

    public BaselineModel(BaselineOptions? options = null)
    {
        this.options = options ?? new BaselineOptions();
        popularity = NewPopularity();
        cooccurrences = new CooccurrenceIndex(this.options.KnnNeighbours);
    }

    public static BaselineModel Fit(IEnumerable<Basket> history, BaselineOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var model = new BaselineModel(options);
        foreach (var basket in history)
        {
            cancellationToken.ThrowIfCancellationRequested();
            model.Add(basket);
        }

        return model;
    }

    public void Add(Basket basket)
    {
        foreach (var line in basket.Lines)
        {
            AddPurchase(basket.CustomerId, basket.Country, basket.Id, line.ItemId, basket.Time);
        }
    }

    /// <summary>One purchased item: counted once per basket by every recommender.</summary>
    public void AddPurchase(string customerId, string? country, string basketId, string itemId, DateTimeOffset time)
    {
        if (!customers.TryGetValue(customerId, out var customer))
        {
            customers[customerId] = customer = new CustomerHistory(options);
        }

        var itemsBefore = customer.RecentBaskets.Add(basketId, itemId, time);
        if (itemsBefore is null)
        {
            return;
        }

        rankings = null;
        popularity.Add(itemId, time);
        if (country is not null)
        {
            if (!popularityByCountry.TryGetValue(country, out var countryPopularity))
            {
                popularityByCountry[country] = countryPopularity = NewPopularity();
            }

            countryPopularity.Add(itemId, time);
        }

        customer.Repeat.Add(itemId, time);
        cooccurrences.AddToBasket(itemsBefore, itemId);
    }

    public IReadOnlyList<string> Popular(RecommendationQuery query, int count) =>
        RankingsAt(query.Cutoff).Global.Items.Take(count).ToList();

    /// <summary>The country's ranking (ties broken by global popularity), filled from the global one.</summary>
    public IReadOnlyList<string> PopularInCountry(RecommendationQuery query, int count)
    {
        var atCutoff = RankingsAt(query.Cutoff);
        return RankedLists.Fill(atCutoff.InCountry(query.Country).Items, count, null, atCutoff.Global.Items);
    }

    public IReadOnlyList<string> Repeat(RecommendationQuery query, int count) =>
        RankByScore(RepeatScores(query), query, count);

    public IReadOnlyList<string> ItemKnn(RecommendationQuery query, int count) =>
        RankByScore(KnnScores(query), query, count);

    public IReadOnlyList<string> RepeatPlusKnn(RecommendationQuery query, int count) =>
        RankByScore(RankedLists.Mix(new WeightedScores(RepeatScores(query), 1),
            new WeightedScores(KnnScores(query), options.HybridKnnWeight)), query, count);

    /// <summary>Day buckets must cover the popularity window.</summary>
    private BasketPopularity NewPopularity() => new()
    {
        RetentionDays = Math.Max(BasketPopularity.DefaultRetentionDays,
            (int)Math.Ceiling(options.PopularityWindow.TotalDays)),
    };

    private Dictionary<string, double> RepeatScores(RecommendationQuery query) =>
        customers.TryGetValue(query.CustomerId, out var customer) ? customer.Repeat.Scores(query.Cutoff) : [];

    private Dictionary<string, double> KnnScores(RecommendationQuery query) =>
        customers.TryGetValue(query.CustomerId, out var customer)
            ? Recommenders.ItemKnn.Scores(customer.RecentBaskets.Baskets, query.Cutoff, cooccurrences.Neighbours,
                options.DecayDays)
            : [];

    /// <summary>Top by score (ties: global popularity), filled from global popularity.</summary>
    private List<string> RankByScore(Dictionary<string, double> scores, RecommendationQuery query, int count)
    {
        var global = RankingsAt(query.Cutoff).Global;
        return RankedLists.Fill(RankedLists.TopByScore(scores, count, global), count, null, global.Items);
    }

    private PopularityRankings RankingsAt(DateTimeOffset at)
    {
        if (rankings?.At != at)
        {
            rankings = new PopularityRankings(at, popularity.Rank(at, options.PopularityWindow), this);
        }

        return rankings;
    }

    private sealed class CustomerHistory(BaselineOptions options)
    {
        public RepeatProfile Repeat { get; } =
            new() { Capacity = options.RepeatCapacity, DecayDays = options.DecayDays };

        public RecentBaskets RecentBaskets { get; } = new() { Capacity = options.KnnRecentBaskets };
    }

    /// <summary>The popularity rankings at one moment, computed once for all the queries at it.</summary>
    private sealed class PopularityRankings(DateTimeOffset at, ItemRanking global, BaselineModel model)
    {
        private readonly Dictionary<string, ItemRanking> byCountry = new(StringComparer.Ordinal);

        public DateTimeOffset At => at;

        public ItemRanking Global => global;

        public ItemRanking InCountry(string? country)
        {
            if (country is null || !model.popularityByCountry.TryGetValue(country, out var countryPopularity))
            {
                return ItemRanking.Empty;
            }

            if (!byCountry.TryGetValue(country, out var ranking))
            {
                byCountry[country] = ranking = countryPopularity.Rank(at, model.options.PopularityWindow, global);
            }

            return ranking;
        }
    }
}
