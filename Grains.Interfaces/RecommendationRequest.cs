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
}
