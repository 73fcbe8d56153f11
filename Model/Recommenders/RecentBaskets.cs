namespace Recsys.Model.Recommenders;

/// <summary>A customer's latest baskets (by time, then arrival), oldest first: what ITEMKNN looks at.
/// Incremental (one call per purchased item) and serializable as JSON.</summary>
/// <remarks>A purchase for a basket older than all kept ones, when <see cref="Capacity"/> are kept,
/// starts a basket that is dropped at once.</remarks>
[GenerateSerializer]
[Alias("recsys.RecentBaskets")]
public sealed class RecentBaskets
{
    public const int DefaultCapacity = 5;

    [Id(0)]
    public int Capacity { get; set; } = DefaultCapacity;

    /// <summary>Oldest first.</summary>
    [Id(1)]
    public List<RecentBasket> Baskets { get; set; } = [];

    [Id(2)]
    public long NextSequence { get; set; }

    /// <summary>Records the purchase of <paramref name="itemId"/> in basket <paramref name="basketId"/>.</summary>
    /// <returns>The items the basket held before (empty for a new basket), or null when it already held
    /// this item: a repeated purchase that must not count twice.</returns>
    public IReadOnlyList<string>? Add(string basketId, string itemId, DateTimeOffset time)
    {
        var basket = Baskets.Find(kept => kept.Id == basketId);
        if (basket is not null)
        {
            if (basket.Items.Contains(itemId))
            {
                return null;
            }

            var itemsBefore = basket.Items.ToArray();
            basket.Items.Add(itemId);
            return itemsBefore;
        }

        Insert(new RecentBasket { Id = basketId, Time = time, Sequence = NextSequence++, Items = [itemId] });
        return [];
    }

    private void Insert(RecentBasket basket)
    {
        var position = Baskets.FindLastIndex(kept => kept.Time <= basket.Time) + 1;
        Baskets.Insert(position, basket);
        if (Baskets.Count > Capacity)
        {
            Baskets.RemoveRange(0, Baskets.Count - Capacity);
        }
    }
}
