using Recsys.Grains.Interfaces;

namespace Recsys.Grains.Tests;

/// <summary>Builds test events with readable defaults.</summary>
internal static class Events
{
    public static readonly DateTimeOffset Start = new(2011, 6, 1, 9, 0, 0, TimeSpan.Zero);

    public static UserEvent Purchase(string user, string item, string basket, double day = 0, string? location = "France") => new()
    {
        EventId = $"{basket}:{item}",
        UserId = user,
        ItemId = item,
        Type = EventType.Purchase,
        Timestamp = Start.AddDays(day),
        BasketId = basket,
        Location = location,
    };

    public static UserEvent View(string user, string item, string id, double day = 0) => new()
    {
        EventId = id,
        UserId = user,
        ItemId = item,
        Type = EventType.View,
        Timestamp = Start.AddDays(day),
    };

    public static ItemInfo Item(string id, bool onPromotion = false, params string[] promotions) => new()
    {
        Id = id,
        Title = "Title of " + id,
        OnPromotion = onPromotion,
        PromotionIds = promotions.Length > 0 ? promotions : null,
    };
}
