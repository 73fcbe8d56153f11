namespace Recsys.Grains.Interfaces;

/// <summary>What happened to a batch of events sent to <see cref="IUserGrain.Track"/>.</summary>
[GenerateSerializer]
[Alias("recsys.TrackResult")]
[Immutable]
public sealed record TrackResult
{
    [Id(0)]
    public int Accepted { get; init; }

    /// <summary>Events whose id was already seen: dropped, not an error.</summary>
    [Id(1)]
    public int Duplicates { get; init; }

    /// <summary>Accepted events that name an item the catalog does not know (yet).</summary>
    [Id(2)]
    public int UnknownItems { get; init; }

    /// <summary>Events stamped on a day older than the user's de-duplication index still remembers (only for users
    /// with more event ids than Recsys:Users:DeduplicationCapacity): dropped, because whether they were already
    /// applied cannot be told.</summary>
    [Id(3)]
    public int Expired { get; init; }

    public static TrackResult Empty { get; } = new();

    public TrackResult Add(TrackResult other) => new()
    {
        Accepted = Accepted + other.Accepted,
        Duplicates = Duplicates + other.Duplicates,
        UnknownItems = UnknownItems + other.UnknownItems,
        Expired = Expired + other.Expired,
    };
}
