using System.Collections.Concurrent;
using Recsys.Model.Data;

namespace Recsys.Model.Ranking;

/// <summary>What the baskets before a cutoff say, indexed for candidate generation and feature extraction:
/// each customer's baskets and items, item popularity (all-time, recent, per country), item-to-item
/// co-occurrence and customer-to-customer overlap.</summary>
/// <remarks>Built from the baskets with time strictly before <see cref="Cutoff"/> and nothing else: however
/// many later baskets the input holds, nothing at or after the cutoff reaches a feature. Immutable once
/// built, so one instance can serve concurrent queries.</remarks>
public sealed class PurchaseHistory
{
    private readonly Dictionary<string, ItemCounts> countries;
    private readonly int[][] buyersOfItem;
    private readonly CustomerHistory[] customersByNumber;
    private readonly int[] popularityRanks;
    private readonly ConcurrentBag<ItemScores> spareScores = [];

    private PurchaseHistory(DateTimeOffset cutoff, RankingOptions options, Vocabulary items,
        Dictionary<string, CustomerHistory> customers, ItemStatistics statistics, ItemCounts everywhere,
        Dictionary<string, ItemCounts> countries, ItemNeighbourhood neighbourhood, TitleVectors titles)
    {
        Cutoff = cutoff;
        CutoffDay = DayOf(cutoff);
        Options = options;
        Items = items;
        Customers = customers;
        Statistics = statistics;
        Everywhere = everywhere;
        this.countries = countries;
        Neighbourhood = neighbourhood;
        Titles = titles;
        ByPopularity = everywhere.RankByWindow(RankingOptions.LongPopularityWindow);
        popularityRanks = new int[items.Count];
        for (var rank = 0; rank < ByPopularity.Length; rank++)
        {
            popularityRanks[ByPopularity[rank]] = rank;
        }

        Trending = everywhere.RankByWindow(RankingOptions.ShortPopularityWindow);
        PopularInCountry = countries.ToDictionary(pair => pair.Key,
            pair => pair.Value.RankByWindow(RankingOptions.LongPopularityWindow), StringComparer.Ordinal);
        customersByNumber = [.. customers.Values.OrderBy(customer => customer.Number)];
        buyersOfItem = BuyersOfItems(customersByNumber, items.Count);
        var itemsAfterFirstBasket = customers.Values.Sum(customer => customer.ItemsAfterFirstBasket);
        PopulationRepeatRatio = itemsAfterFirstBasket > 0
            ? (double)customers.Values.Sum(customer => customer.RepeatedItems) / itemsAfterFirstBasket
            : 0;
    }

    /// <summary>Every basket of the history is strictly before it.</summary>
    public DateTimeOffset Cutoff { get; }

    public RankingOptions Options { get; }

    /// <summary>The items bought in the history, numbered in order of first purchase.</summary>
    public Vocabulary Items { get; }

    internal double CutoffDay { get; }

    internal IReadOnlyDictionary<string, CustomerHistory> Customers { get; }

    internal ItemStatistics Statistics { get; }

    /// <summary>Popularity over all baskets.</summary>
    internal ItemCounts Everywhere { get; }

    internal ItemNeighbourhood Neighbourhood { get; }

    internal TitleVectors Titles { get; }

    /// <summary>Item numbers by baskets in the long popularity window, then all-time: the fallback order
    /// and tie-break of every ranking.</summary>
    internal int[] ByPopularity { get; }

    /// <summary>Item numbers by baskets in the short popularity window, then all-time.</summary>
    internal int[] Trending { get; }

    /// <summary>By country: item numbers by the country's baskets in the long window, then all-time.</summary>
    internal IReadOnlyDictionary<string, int[]> PopularInCountry { get; }

    /// <summary>Share of the items of customers' baskets after their first that they had bought before.</summary>
    internal double PopulationRepeatRatio { get; }

    /// <summary>Days since 0001-01-01 UTC: all times inside the ranking code are such doubles.</summary>
    public static double DayOf(DateTimeOffset time) => time.UtcTicks / (double)TimeSpan.TicksPerDay;

    /// <param name="baskets">Any baskets; only those before <paramref name="cutoff"/> are read.</param>
    /// <param name="itemTitles">Item id → title (catalog text), read for the items of the history only;
    /// without it the title features are 0.</param>
    public static PurchaseHistory Build(IEnumerable<Basket> baskets, DateTimeOffset cutoff, RankingOptions options,
        IReadOnlyDictionary<string, string>? itemTitles = null)
    {
        var kept = baskets.Where(basket => basket.Time < cutoff).ToList();
        kept.Sort(Basket.Chronological);
        var cutoffDay = DayOf(cutoff);
        var items = new Vocabulary();
        var pastBaskets = new List<PastBasket>(kept.Count);
        var basketsOfCustomer = new Dictionary<string, List<PastBasket>>(StringComparer.Ordinal);
        foreach (var basket in kept)
        {
            var pastBasket = ToPastBasket(basket, items);
            pastBaskets.Add(pastBasket);
            Maps.GetOrAdd(basketsOfCustomer, basket.CustomerId).Add(pastBasket);
        }

        var customers = new Dictionary<string, CustomerHistory>(StringComparer.Ordinal);
        foreach (var (customerId, customerBaskets) in basketsOfCustomer)
        {
            customers.Add(customerId, CustomerHistory.Create(customers.Count, customerId, customerBaskets, cutoffDay,
                RankingFeatures.RepeatDecayDays));
        }

        var everywhere = new ItemCounts(items.Count, options.PopularityWindowDays);
        var countries = new Dictionary<string, ItemCounts>(StringComparer.Ordinal);
        for (var i = 0; i < kept.Count; i++)
        {
            var ageDays = cutoffDay - DayOf(kept[i].Time);
            everywhere.Add(pastBaskets[i].Items, ageDays);
            if (kept[i].Country is { } country)
            {
                if (!countries.TryGetValue(country, out var counts))
                {
                    countries[country] = counts = new ItemCounts(items.Count, options.PopularityWindowDays);
                }

                counts.Add(pastBaskets[i].Items, ageDays);
            }
        }

        return new PurchaseHistory(cutoff, options, items, customers,
            ItemStatistics.Create(customers.Values, pastBaskets, items.Count, cutoffDay,
                options.LongPopularityWindowDays), everywhere, countries,
            ItemNeighbourhood.ByCooccurrence(pastBaskets.ConvertAll(basket => basket.Items), items.Count,
                options.ItemNeighbours),
            itemTitles is null
                ? TitleVectors.Empty(items.Count)
                : TitleVectors.Build(items, itemTitles, options.TitleNeighbours));
    }

    /// <summary>Position of the item in <see cref="ByPopularity"/>; <see cref="int.MaxValue"/> for an item
    /// the history never saw.</summary>
    public int PopularityRank(string itemId) =>
        Items.TryGetNumber(itemId, out var item) ? popularityRanks[item] : int.MaxValue;

    /// <summary>The popularity of the country's baskets; null for an unknown or missing country.</summary>
    /// <summary>Empty scores over the items, reused: a query needs several, each the size of the catalog.</summary>
    internal ItemScores RentScores() => spareScores.TryTake(out var scores) ? scores : new ItemScores(Items.Count);

    internal void Return(ItemScores scores)
    {
        scores.Clear();
        spareScores.Add(scores);
    }

    internal ItemCounts? InCountry(string? country) =>
        country is not null && countries.TryGetValue(country, out var counts) ? counts : null;

    /// <summary>The <paramref name="count"/> customers whose item sets overlap the customer's most, by cosine
    /// |I_u ∩ I_v| / sqrt(|I_u| |I_v|) (desc, then customer number).</summary>
    internal (CustomerHistory Customer, float Similarity)[] SimilarCustomers(CustomerHistory customer, int count)
    {
        var overlaps = new int[customersByNumber.Length];
        foreach (var item in customer.Items.Keys)
        {
            foreach (var buyer in buyersOfItem[item])
            {
                overlaps[buyer]++;
            }
        }

        // Sorted as one long per customer (high half: the similarity's bits, which order as the similarity does for
        // positive floats, inverted; low half: the number), which sorts many times faster than pairs by a comparer.
        var keys = new List<long>();
        var similarities = new float[overlaps.Length];
        for (var other = 0; other < overlaps.Length; other++)
        {
            if (overlaps[other] > 0 && other != customer.Number)
            {
                var similarity = (float)(overlaps[other]
                    / Math.Sqrt((double)customer.Items.Count * customersByNumber[other].Items.Count));
                similarities[other] = similarity;
                keys.Add(((long)(int.MaxValue - BitConverter.SingleToInt32Bits(similarity)) << 32) | (uint)other);
            }
        }

        keys.Sort();
        var similar = new (CustomerHistory Customer, float Similarity)[Math.Min(count, keys.Count)];
        for (var rank = 0; rank < similar.Length; rank++)
        {
            var other = (int)(keys[rank] & uint.MaxValue);
            similar[rank] = (customersByNumber[other], similarities[other]);
        }

        return similar;
    }

    private static PastBasket ToPastBasket(Basket basket, Vocabulary items)
    {
        var numbers = new int[basket.Lines.Count];
        var logQuantities = new float[basket.Lines.Count];
        var logPrices = new float[basket.Lines.Count];
        for (var line = 0; line < basket.Lines.Count; line++)
        {
            numbers[line] = items.Intern(basket.Lines[line].ItemId);
            logQuantities[line] = (float)Math.Log(1 + Math.Max(0, basket.Lines[line].Quantity));
            logPrices[line] = basket.Lines[line].UnitPrice is { } price and > 0 ? (float)Math.Log(price) : float.NaN;
        }

        return new PastBasket(DayOf(basket.Time), basket.Time.UtcDateTime.Hour, numbers, logQuantities, logPrices);
    }

    /// <param name="customers">By number.</param>
    private static int[][] BuyersOfItems(IEnumerable<CustomerHistory> customers, int itemCount)
    {
        var buyers = new List<int>[itemCount];
        for (var item = 0; item < itemCount; item++)
        {
            buyers[item] = [];
        }

        foreach (var customer in customers)
        {
            foreach (var item in customer.Items.Keys)
            {
                buyers[item].Add(customer.Number);
            }
        }

        return Array.ConvertAll(buyers, list => list.ToArray());
    }
}
