namespace Recsys.Grains.Interfaces;

/// <summary>Asks for the top <see cref="Count"/> items for a user in a scene. Scene fields left null
/// fall back to the user's current scene (from their latest events).</summary>
[GenerateSerializer]
[Alias("recsys.RecommendationRequest")]
[Immutable]
public sealed record RecommendationRequest
{
    public const int MaxCount = 200;

    [Id(0)]
    public int Count { get; init; } = 10;

    /// <summary>The moment to recommend for: recency and "last 30 days" windows are measured back
    /// from it. Null means now.</summary>
    [Id(1)]
    public DateTimeOffset? At { get; init; }

    [Id(2)]
    public string? Location { get; init; }

    /// <summary>Device class, e.g. "mobile": items popular on it are mixed in.</summary>
    [Id(3)]
    public string? Device { get; init; }

    /// <summary>Promotions active in this scene; promoted items of these campaigns are boosted.</summary>
    [Id(4)]
    public IReadOnlyList<string>? PromotionIds { get; init; }

    [Id(5)]
    public IReadOnlyList<string> ExcludeItemIds { get; init; } = [];

    /// <summary>Only items of this catalog category (<see cref="ItemInfo.Category"/>, compared ignoring case); null
    /// means any.</summary>
    [Id(6)]
    public string? Category { get; init; }

    /// <summary>Only items on promotion in the request's scene: items on a standing promotion, and items of the
    /// scene's promotions.</summary>
    [Id(7)]
    public bool PromotedOnly { get; init; }

    /// <summary>Whether items the user bought before may be recommended again; false leaves them out.</summary>
    [Id(8)]
    public bool Repeats { get; init; } = true;

    /// <summary>Whether the request narrows the items beyond <see cref="ExcludeItemIds"/>.</summary>
    public bool Filters => Category is not null || PromotedOnly || !Repeats;
}
