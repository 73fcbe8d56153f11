using System.Text.Json.Serialization;

namespace Recsys.Grains.Interfaces;

/// <summary>Decayed interaction counts of an item, as of <see cref="AsOf"/>.</summary>
[GenerateSerializer]
[Alias("recsys.ItemPopularity")]
[Immutable]
public sealed record ItemPopularity
{
    [Id(0)]
    public double Views { get; init; }

    [Id(1)]
    public double Clicks { get; init; }

    [Id(2)]
    public double Carts { get; init; }

    [Id(3)]
    public double Purchases { get; init; }

    [Id(4)]
    public DateTimeOffset? AsOf { get; init; }
}

/// <summary>The answer to <see cref="IItemGrain.Info"/>.</summary>
[GenerateSerializer]
[Alias("recsys.ItemSnapshot")]
[Immutable]
public sealed record ItemSnapshot
{
    [Id(0)]
    public required string ItemId { get; init; }

    /// <summary>False while no catalog entry was upserted (the item was only seen in events).</summary>
    [Id(1)]
    public required bool Known { get; init; }

    [Id(2)]
    public ItemInfo? Item { get; init; }

    [Id(3)]
    public required ItemPopularity Popularity { get; init; }

    [Id(4)]
    public DateTimeOffset? LastInteraction { get; init; }

    /// <summary>False for an item that was neither upserted nor seen in events: the gateways answer 404.</summary>
    [JsonIgnore]
    public bool Exists => Known || LastInteraction is not null;
}
