namespace Recsys.Grains.Interfaces;

/// <summary>Asks for the top <see cref="Count"/> items for a user in a scene. Scene fields left null
/// fall back to the user's current scene (from their latest events).</summary>
public sealed record RecommendationRequest
{
    public const int MaxCount = 200;

    public int Count { get; init; } = 10;

    /// <summary>The moment to recommend for: recency and "last 30 days" windows are measured back
    /// from it. Null means now.</summary>
    public DateTimeOffset? At { get; init; }

    public string? Location { get; init; }

    public string? Device { get; init; }

    /// <summary>Promotions active in this scene; promoted items of these campaigns are boosted.</summary>
    public IReadOnlyList<string>? PromotionIds { get; init; }

    public IReadOnlyList<string> ExcludeItemIds { get; init; } = [];
}
