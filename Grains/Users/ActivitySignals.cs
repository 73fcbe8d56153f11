using Recsys.Grains.Cooccurrence;
using Recsys.Grains.Items;
using Recsys.Grains.Popularity;

namespace Recsys.Grains.Users;

/// <summary>What a batch of a user's events means for the shared aggregates: popularity (global and
/// per location), co-occurrence and per-item counters.</summary>
internal sealed class ActivitySignals
{
    public int Accepted { get; set; }

    public int Duplicates { get; set; }

    public List<BasketItem> NewBasketItems { get; } = [];

    public Dictionary<string, List<BasketItem>> NewBasketItemsByLocation { get; } = new(StringComparer.Ordinal);

    public List<BasketAddition> BasketAdditions { get; } = [];

    public Dictionary<string, List<ItemInteraction>> InteractionsByItem { get; } = new(StringComparer.Ordinal);

    public void AddBasketItem(BasketItem item, string? location)
    {
        NewBasketItems.Add(item);
        if (location is not null)
        {
            var scope = PopularityScope.ForLocation(location);
            if (!NewBasketItemsByLocation.TryGetValue(scope, out var items))
            {
                NewBasketItemsByLocation[scope] = items = [];
            }
            items.Add(item);
        }
    }

    public void AddInteraction(string itemId, ItemInteraction interaction)
    {
        if (!InteractionsByItem.TryGetValue(itemId, out var interactions))
        {
            InteractionsByItem[itemId] = interactions = [];
        }
        interactions.Add(interaction);
    }
}
