namespace Recsys.Grains.Interfaces;

/// <summary>Decayed interaction counts of an item, as of <see cref="AsOf"/>.</summary>
public sealed record ItemPopularity
{
    public double Views { get; init; }

    public double Clicks { get; init; }

    public double Carts { get; init; }

    public double Purchases { get; init; }

    public DateTimeOffset? AsOf { get; init; }
}

/// <summary>The answer to <see cref="IItemGrain.Info"/>.</summary>
public sealed record ItemSnapshot
{
    public required string ItemId { get; init; }

    /// <summary>False while no catalog entry was upserted (the item was only seen in events).</summary>
    public required bool Known { get; init; }

    public ItemInfo? Item { get; init; }

    public required ItemPopularity Popularity { get; init; }

    public DateTimeOffset? LastInteraction { get; init; }
}
