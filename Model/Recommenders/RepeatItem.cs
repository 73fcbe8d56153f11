namespace Recsys.Model.Recommenders;

/// <summary>What a <see cref="RepeatProfile"/> keeps about one item.</summary>
[GenerateSerializer]
[Alias("recsys.RepeatItem")]
public sealed class RepeatItem
{
    /// <summary>Sum of the decay weights of the baskets holding the item, as of
    /// <see cref="RepeatProfile.ReferenceTime"/>.</summary>
    [Id(0)]
    public double Score { get; set; }

    /// <summary>Baskets holding the item.</summary>
    [Id(1)]
    public int Purchases { get; set; }

    [Id(2)]
    public DateTimeOffset LastPurchase { get; set; }
}
