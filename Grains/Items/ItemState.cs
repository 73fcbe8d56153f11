using Recsys.Grains.Interfaces;

namespace Recsys.Grains.Items;

[GenerateSerializer]
[Alias("recsys.ItemState")]
public sealed class ItemState
{
    /// <summary>Null while the item was only seen in events.</summary>
    [Id(0)]
    public ItemInfo? Info { get; set; }

    [Id(1)]
    public DecayedCounter Views { get; set; } = new();

    [Id(2)]
    public DecayedCounter Clicks { get; set; } = new();

    [Id(3)]
    public DecayedCounter Carts { get; set; } = new();

    [Id(4)]
    public DecayedCounter Purchases { get; set; } = new();

    [Id(5)]
    public DateTimeOffset? LastInteraction { get; set; }

    /// <summary>The catalog shard holds <see cref="Info"/> as it is (false for state written before there were shards,
    /// and between an upsert and its shard's write).</summary>
    [Id(6)]
    public bool InCatalog { get; set; }

    /// <summary>The vectors of <see cref="Info"/> by the model named in them; null before a model encoded it.</summary>
    [Id(7)]
    public ItemVectors? Vectors { get; set; }

    public DecayedCounter CounterFor(EventType type) => type switch
    {
        EventType.View => Views,
        EventType.Click => Clicks,
        EventType.Cart => Carts,
        _ => Purchases,
    };
}
