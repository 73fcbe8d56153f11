namespace Recsys.Grains.Interfaces;

/// <summary>An event as kept in a user's bounded history.</summary>
[GenerateSerializer]
[Alias("recsys.HistoryEntry")]
[Immutable]
public sealed record HistoryEntry
{
    [Id(0)]
    public required string EventId { get; init; }

    [Id(1)]
    public required string ItemId { get; init; }

    [Id(2)]
    public required EventType Type { get; init; }

    [Id(3)]
    public required DateTimeOffset Timestamp { get; init; }

    [Id(4)]
    public int Quantity { get; init; } = 1;

    [Id(5)]
    public string? BasketId { get; init; }

    [Id(6)]
    public string? Location { get; init; }
}

/// <summary>An item the user is drawn to, with its recency-weighted affinity.</summary>
[GenerateSerializer]
[Alias("recsys.ItemAffinity")]
[Immutable]
public sealed record ItemAffinity(string ItemId, double Score, int Purchases, DateTimeOffset LastSeen);

/// <summary>What the service knows about a user (the answer to <see cref="IUserGrain.Profile"/>).</summary>
[GenerateSerializer]
[Alias("recsys.UserProfile")]
[Immutable]
public sealed record UserProfile
{
    [Id(0)]
    public required string UserId { get; init; }

    [Id(1)]
    public required bool Known { get; init; }

    [Id(2)]
    public long EventsTracked { get; init; }

    [Id(3)]
    public long DuplicatesDropped { get; init; }

    [Id(4)]
    public DateTimeOffset? FirstSeen { get; init; }

    [Id(5)]
    public DateTimeOffset? LastSeen { get; init; }

    [Id(6)]
    public required SceneContext Scene { get; init; }

    /// <summary>Most recent first.</summary>
    [Id(7)]
    public required IReadOnlyList<HistoryEntry> RecentEvents { get; init; }

    /// <summary>Strongest first.</summary>
    [Id(8)]
    public required IReadOnlyList<ItemAffinity> TopItems { get; init; }
}
