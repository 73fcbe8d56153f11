namespace Recsys.Grains.Interfaces;

/// <summary>One clickstream event, as frontends send it. The scene fields describe where and how the
/// user was when it happened; they update the user's current scene.</summary>
public sealed record UserEvent
{
    /// <summary>Unique per event; re-sent events with a known id are dropped as duplicates.</summary>
    public required string EventId { get; init; }

    public required string UserId { get; init; }

    public required string ItemId { get; init; }

    public required EventType Type { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public int Quantity { get; init; } = 1;

    /// <summary>Unit price paid or shown, when known.</summary>
    public double? Price { get; init; }

    /// <summary>Groups events that belong to one order or session (an invoice number, a cart id).
    /// Items in one basket count as "bought together".</summary>
    public string? BasketId { get; init; }

    /// <summary>Country or region, e.g. "France".</summary>
    public string? Location { get; init; }

    /// <summary>Device class, e.g. "mobile", "desktop", "app".</summary>
    public string? Device { get; init; }

    /// <summary>The user's local time-zone offset from UTC, in minutes.</summary>
    public int? TimeZoneOffsetMinutes { get; init; }

    /// <summary>Promotions active for the user when the event happened.</summary>
    public IReadOnlyList<string>? PromotionIds { get; init; }
}
