namespace Recsys.Model.Ranking;

/// <summary>Per item, over all customers of a history: when it first sold, how many baskets and customers
/// it has, how often customers re-bought it, its typical price.</summary>
internal sealed class ItemStatistics
{
    private ItemStatistics(int itemCount)
    {
        FirstDay = new double[itemCount];
        Array.Fill(FirstDay, double.MaxValue);
        Baskets = new int[itemCount];
        Buyers = new int[itemCount];
        MeanLogPrice = new double[itemCount];
        RecentAdopters = new int[itemCount];
        MeanRepurchaseInterval = new double[itemCount];
    }

    public double[] FirstDay { get; }

    public int[] Baskets { get; }

    /// <summary>Distinct customers who bought the item.</summary>
    public int[] Buyers { get; }

    /// <summary>Customers whose first purchase of the item is in the adoption window before the cutoff.</summary>
    public int[] RecentAdopters { get; }

    /// <summary>Mean days between a customer's consecutive purchases of the item, over all customers who
    /// bought it more than once; 0 when none did.</summary>
    public double[] MeanRepurchaseInterval { get; }

    /// <summary>Mean log(unit price) over the lines with a price; 0 when none has one.</summary>
    public double[] MeanLogPrice { get; }

    /// <summary>Share of the item's baskets in which the customer had bought it before, shrunk towards
    /// <paramref name="prior"/> with <paramref name="priorBaskets"/> pseudo-baskets.</summary>
    public double RepurchaseShare(int item, double prior, double priorBaskets) =>
        (Baskets[item] - Buyers[item] + prior * priorBaskets) / (Baskets[item] + priorBaskets);

    public static ItemStatistics Create(IEnumerable<CustomerHistory> customers, IEnumerable<PastBasket> baskets,
        int itemCount, double cutoffDay, double adoptionWindowDays)
    {
        var statistics = new ItemStatistics(itemCount);
        foreach (var customer in customers)
        {
            foreach (var (item, purchases) in customer.Items)
            {
                statistics.Buyers[item]++;
                statistics.Baskets[item] += purchases.Count;
                statistics.FirstDay[item] = Math.Min(statistics.FirstDay[item], purchases.FirstDay);
                if (cutoffDay - purchases.FirstDay <= adoptionWindowDays)
                {
                    statistics.RecentAdopters[item]++;
                }
            }
        }

        var repurchases = new int[itemCount];
        foreach (var customer in customers)
        {
            foreach (var (item, purchases) in customer.Items)
            {
                statistics.MeanRepurchaseInterval[item] += purchases.LastDay - purchases.FirstDay;
                repurchases[item] += purchases.Count - 1;
            }
        }

        for (var item = 0; item < itemCount; item++)
        {
            statistics.MeanRepurchaseInterval[item] =
                repurchases[item] > 0 ? statistics.MeanRepurchaseInterval[item] / repurchases[item] : 0;
        }

        var pricedLines = new int[itemCount];
        foreach (var basket in baskets)
        {
            for (var line = 0; line < basket.Items.Length; line++)
            {
                if (float.IsFinite(basket.LogPrices[line]))
                {
                    statistics.MeanLogPrice[basket.Items[line]] += basket.LogPrices[line];
                    pricedLines[basket.Items[line]]++;
                }
            }
        }

        for (var item = 0; item < itemCount; item++)
        {
            statistics.MeanLogPrice[item] =
                pricedLines[item] > 0 ? statistics.MeanLogPrice[item] / pricedLines[item] : 0;
        }

        return statistics;
    }
}
