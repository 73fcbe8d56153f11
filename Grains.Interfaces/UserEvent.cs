namespace Recsys.Grains.Interfaces;

/// <summary>One clickstream event, as frontends send it. The scene fields describe where and how the
/// user was when it happened; they update the user's current scene.</summary>
[GenerateSerializer]
[Alias("recsys.UserEvent")]
[Immutable]
public sealed record UserEvent
{
    /// <summary>Unique per event; re-sent events with a known id are dropped as duplicates.</summary>
    [Id(0)]
    public required string EventId { get; init; }

    [Id(1)]
    public required string UserId { get; init; }

    [Id(2)]
    public required string ItemId { get; init; }

    [Id(3)]
    public required EventType Type { get; init; }

    /// <summary>When it happened; its offset is the user's local time zone.</summary>
    [Id(4)]
    public required DateTimeOffset Timestamp { get; init; }

    [Id(5)]
    public int Quantity { get; init; } = 1;

    /// <summary>Unit price paid or shown, when known.</summary>
    [Id(6)]
    public double? Price { get; init; }

    /// <summary>Groups events that belong to one order or session (an invoice number, a cart id).
    /// Items in one basket count as "bought together".</summary>
    [Id(7)]
    public string? BasketId { get; init; }

    /// <summary>Country or region, e.g. "France".</summary>
    [Id(8)]
    public string? Location { get; init; }

    /// <summary>Device class, e.g. "mobile", "desktop", "app".</summary>
    [Id(9)]
    public string? Device { get; init; }

    /// <summary>Promotions active for the user when the event happened.</summary>
    [Id(10)]
    public IReadOnlyList<string>? PromotionIds { get; init; }
}
