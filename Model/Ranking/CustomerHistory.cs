namespace Recsys.Model.Ranking;

/// <summary>One customer's baskets before a cutoff and what they say about each item the customer bought.</summary>
internal sealed class CustomerHistory
{
    /// <summary>Pseudo-items of the prior in <see cref="RepeatRatio"/>: a customer with few baskets is assumed
    /// to re-buy like the average customer until their own baskets say otherwise.</summary>
    private const double RepeatRatioPriorItems = 10;

    private CustomerHistory(int number, string id, IReadOnlyList<PastBasket> baskets,
        Dictionary<int, ItemPurchases> items, int repeatedItems, int itemsAfterFirstBasket)
    {
        Number = number;
        Id = id;
        Baskets = baskets;
        Items = items;
        Purchases = [.. items.Select(pair => (pair.Key, pair.Value))];
        RepeatedItems = repeatedItems;
        ItemsAfterFirstBasket = itemsAfterFirstBasket;
        FirstDay = baskets[0].Day;
        LastDay = baskets[^1].Day;
        MeanBasketSize = baskets.Average(basket => basket.Items.Length);
        var logPrices = baskets.SelectMany(basket => basket.LogPrices).Where(float.IsFinite).ToList();
        MeanLogPrice = logPrices.Count > 0 ? logPrices.Average() : 0;
    }

    public int Number { get; }

    public string Id { get; }

    /// <summary>Chronological.</summary>
    public IReadOnlyList<PastBasket> Baskets { get; }

    /// <summary>By item number.</summary>
    public IReadOnlyDictionary<int, ItemPurchases> Items { get; }

    /// <summary><see cref="Items"/> in the order first bought, as an array for the loops that read them all.</summary>
    public (int Item, ItemPurchases Purchases)[] Purchases { get; }

    /// <summary>Items of the customer's baskets after the first that they had bought before.</summary>
    public int RepeatedItems { get; }

    public int ItemsAfterFirstBasket { get; }

    public double FirstDay { get; }

    public double LastDay { get; }

    public double MeanBasketSize { get; }

    /// <summary>Mean of log(unit price) over the customer's purchases with a price; 0 when none has one.</summary>
    public double MeanLogPrice { get; }

    /// <summary>Share of the items of the customer's baskets (after the first) that they had bought before,
    /// shrunk towards <paramref name="populationRepeatRatio"/>.</summary>
    public double RepeatRatio(double populationRepeatRatio) =>
        (RepeatedItems + RepeatRatioPriorItems * populationRepeatRatio)
        / (ItemsAfterFirstBasket + RepeatRatioPriorItems);

    /// <summary>Mean days between consecutive baskets; 0 for a single basket.</summary>
    public double MeanDaysBetweenBaskets => Baskets.Count > 1 ? (LastDay - FirstDay) / (Baskets.Count - 1) : 0;

    /// <summary>Σ over the customer's baskets of exp(-age_days / decayDays), age from the cutoff.</summary>
    public double DecayedBasketMass(double cutoffDay, double decayDays) =>
        Baskets.Sum(basket => Math.Exp(-(cutoffDay - basket.Day) / decayDays));

    /// <summary>Share of the customer's baskets that started within <paramref name="hours"/> of the hour of
    /// day of <paramref name="hourOfDay"/> (circular).</summary>
    public double ShareOfBasketsNearHour(int hourOfDay, int hours) =>
        (double)Baskets.Count(basket => Math.Min(Math.Abs(basket.HourOfDay - hourOfDay),
            24 - Math.Abs(basket.HourOfDay - hourOfDay)) <= hours) / Baskets.Count;

    /// <param name="baskets">Chronological, at least one.</param>
    /// <param name="decayDays">The decays of <see cref="ItemPurchases.Decayed"/>, in that order.</param>
    public static CustomerHistory Create(int number, string id, IReadOnlyList<PastBasket> baskets, double cutoffDay,
        IReadOnlyList<double> decayDays)
    {
        var items = new Dictionary<int, ItemPurchases>();
        var repeatedItems = 0;
        var itemsAfterFirstBasket = 0;
        for (var ordinal = 0; ordinal < baskets.Count; ordinal++)
        {
            var basket = baskets[ordinal];
            for (var line = 0; line < basket.Items.Length; line++)
            {
                if (!items.TryGetValue(basket.Items[line], out var purchases))
                {
                    items[basket.Items[line]] = purchases = new ItemPurchases(decayDays.Count);
                }
                else
                {
                    repeatedItems++;
                }

                purchases.Add(basket.Day, ordinal, basket.LogQuantities[line], cutoffDay, decayDays);
            }

            if (ordinal > 0)
            {
                itemsAfterFirstBasket += basket.Items.Length;
            }
        }

        return new CustomerHistory(number, id, baskets, items, repeatedItems, itemsAfterFirstBasket);
    }
}

/// <summary>A basket of a customer's history, its items as numbers of the history's item vocabulary.</summary>
/// <param name="Day">Days since the Unix epoch (see <see cref="PurchaseHistory.DayOf"/>).</param>
/// <param name="LogQuantities">log(1 + quantity) of each item.</param>
/// <param name="LogPrices">log(unit price) of each item; NaN where the source gave no price.</param>
internal sealed record PastBasket(double Day, int HourOfDay, int[] Items, float[] LogQuantities, float[] LogPrices);

/// <summary>What a customer's baskets say about one item they bought.</summary>
internal sealed class ItemPurchases(int decayCount)
{
    /// <summary>Baskets holding the item.</summary>
    public int Count { get; private set; }

    public double FirstDay { get; private set; }

    public double LastDay { get; private set; }

    /// <summary>Position of the last basket holding the item among the customer's baskets.</summary>
    public int LastBasketOrdinal { get; private set; }

    /// <summary>For each configured decay, Σ over the baskets holding the item of exp(-age_days / decay),
    /// age from the cutoff.</summary>
    public double[] Decayed { get; } = new double[decayCount];

    public double SumLogQuantity { get; private set; }

    /// <summary>Mean days between the baskets holding the item; 0 when bought once.</summary>
    public double MeanInterval => Count > 1 ? (LastDay - FirstDay) / (Count - 1) : 0;

    public void Add(double day, int basketOrdinal, float logQuantity, double cutoffDay, IReadOnlyList<double> decayDays)
    {
        if (Count == 0)
        {
            FirstDay = day;
        }

        Count++;
        LastDay = day;
        LastBasketOrdinal = basketOrdinal;
        SumLogQuantity += logQuantity;
        for (var i = 0; i < decayDays.Count; i++)
        {
            Decayed[i] += Math.Exp(-(cutoffDay - day) / decayDays[i]);
        }
    }
}
