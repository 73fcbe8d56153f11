namespace Recsys.Model.Recommenders;

/// <summary>What a <see cref="RepeatProfile"/> keeps about one item.</summary>
public sealed class RepeatItem
{
    /// <summary>Sum of the decay weights of the baskets holding the item, as of
    /// <see cref="RepeatProfile.ReferenceTime"/>.</summary>
    public double Score { get; set; }

    /// <summary>Baskets holding the item.</summary>
    public int Purchases { get; set; }

    public DateTimeOffset LastPurchase { get; set; }
}
