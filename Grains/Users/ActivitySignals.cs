using Recsys.Grains.Cooccurrence;
using Recsys.Grains.Items;
using Recsys.Grains.Popularity;

namespace Recsys.Grains.Users;

/// <summary>What a batch of a user's events means for the shared aggregates: popularity (global, per
/// location and per device), co-occurrence and per-item counters.</summary>
internal sealed class ActivitySignals
{
    public int Accepted { get; set; }

    public int Duplicates { get; set; }

    public int Expired { get; set; }

    public List<BasketItem> NewBasketItems { get; } = [];

    /// <summary>By popularity scope (<see cref="PopularityScope"/>): the event's location and device.</summary>
    public Dictionary<string, List<BasketItem>> NewBasketItemsByScope { get; } = new(StringComparer.Ordinal);

    public List<BasketAddition> BasketAdditions { get; } = [];

    public Dictionary<string, List<ItemInteraction>> InteractionsByItem { get; } = new(StringComparer.Ordinal);

    public void AddBasketItem(BasketItem item, string? location, string? device)
    {
        NewBasketItems.Add(item);
        if (location is not null)
        {
            ListOf(NewBasketItemsByScope, PopularityScope.ForLocation(location)).Add(item);
        }
        if (device is not null)
        {
            ListOf(NewBasketItemsByScope, PopularityScope.ForDevice(device)).Add(item);
        }
    }

    public void AddInteraction(string itemId, ItemInteraction interaction) => ListOf(InteractionsByItem, itemId).Add(interaction);

    private static List<T> ListOf<T>(Dictionary<string, List<T>> lists, string key)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }
        return list;
    }
}
