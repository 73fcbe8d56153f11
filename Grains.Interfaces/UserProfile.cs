namespace Recsys.Grains.Interfaces;

/// <summary>An event as kept in a user's bounded history.</summary>
public sealed record HistoryEntry
{
    public required string EventId { get; init; }

    public required string ItemId { get; init; }

    public required EventType Type { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public int Quantity { get; init; } = 1;

    public string? BasketId { get; init; }

    public string? Location { get; init; }
}

/// <summary>An item the user is drawn to, with its recency-weighted affinity.</summary>
public sealed record ItemAffinity(string ItemId, double Score, int Purchases, DateTimeOffset LastSeen);

/// <summary>What the service knows about a user (the answer to <see cref="IUserGrain.Profile"/>).</summary>
public sealed record UserProfile
{
    public required string UserId { get; init; }

    public required bool Known { get; init; }

    public long EventsTracked { get; init; }

    public long DuplicatesDropped { get; init; }

    public DateTimeOffset? FirstSeen { get; init; }

    public DateTimeOffset? LastSeen { get; init; }

    public required SceneContext Scene { get; init; }

    /// <summary>Most recent first.</summary>
    public required IReadOnlyList<HistoryEntry> RecentEvents { get; init; }

    /// <summary>Strongest first.</summary>
    public required IReadOnlyList<ItemAffinity> TopItems { get; init; }
}
