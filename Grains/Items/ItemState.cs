using Recsys.Grains.Interfaces;

namespace Recsys.Grains.Items;

public sealed class ItemState
{
    /// <summary>Null while the item was only seen in events.</summary>
    public ItemInfo? Info { get; set; }

    public DecayedCounter Views { get; set; } = new();

    public DecayedCounter Clicks { get; set; } = new();

    public DecayedCounter Carts { get; set; } = new();

    public DecayedCounter Purchases { get; set; } = new();

    public DateTimeOffset? LastInteraction { get; set; }

    public DecayedCounter CounterFor(EventType type) => type switch
    {
        EventType.View => Views,
        EventType.Click => Clicks,
        EventType.Cart => Carts,
        _ => Purchases,
    };
}
