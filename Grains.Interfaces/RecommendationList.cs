namespace Recsys.Grains.Interfaces;

/// <summary>One recommended item with its score and a short, human-readable reason.</summary>
public sealed record RecommendedItem
{
    public required string ItemId { get; init; }

    public required double Score { get; init; }

    public required RecommendationSource Source { get; init; }

    /// <summary>For example "bought before", "popular in France this month", "often bought with X".</summary>
    public required string Reason { get; init; }

    public string? Title { get; init; }
}

/// <summary>The answer to <see cref="IUserGrain.Recommend"/>.</summary>
public sealed record RecommendationList
{
    public required string UserId { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The scene the list was computed for (request fields over the user's current scene).</summary>
    public required SceneContext Scene { get; init; }

    public required IReadOnlyList<RecommendedItem> Items { get; init; }

    /// <summary>Which recommender produced the list, e.g. "baseline-mix/1".</summary>
    public required string Strategy { get; init; }
}
