namespace Recsys.Model.Recommenders;

/// <summary>Settings of the non-learned recommenders; the defaults are those of protocol OR-NB.</summary>
public sealed class BaselineOptions
{
    /// <summary>POP and POP-COUNTRY rank by baskets in this window before the moment of recommendation.</summary>
    public TimeSpan PopularityWindow { get; set; } = BasketPopularity.DefaultWindow;

    /// <summary>Recency weights are exp(-age_days / DecayDays) (REPEAT items, ITEMKNN baskets).</summary>
    public double DecayDays { get; set; } = RecencyDecay.DefaultDays;

    /// <summary>ITEMKNN looks at the customer's latest baskets, this many.</summary>
    public int KnnRecentBaskets { get; set; } = RecentBaskets.DefaultCapacity;

    /// <summary>Neighbours kept per item.</summary>
    public int KnnNeighbours { get; set; } = CooccurrenceIndex.DefaultNeighbourCount;

    /// <summary>REPEAT+KNN = norm(REPEAT) + HybridKnnWeight · norm(ITEMKNN).</summary>
    public double HybridKnnWeight { get; set; } = 0.5;

    /// <summary>Items a customer's REPEAT profile keeps.</summary>
    public int RepeatCapacity { get; set; } = RepeatProfile.DefaultCapacity;
}
