namespace Recsys.Grains.Interfaces;

/// <summary>One recommended item with its score and a short, human-readable reason.</summary>
[GenerateSerializer]
[Alias("recsys.RecommendedItem")]
[Immutable]
public sealed record RecommendedItem
{
    [Id(0)]
    public required string ItemId { get; init; }

    [Id(1)]
    public required double Score { get; init; }

    [Id(2)]
    public required RecommendationSource Source { get; init; }

    /// <summary>For example "bought before", "popular in France this month", "often bought with X".</summary>
    [Id(3)]
    public required string Reason { get; init; }

    [Id(4)]
    public string? Title { get; init; }
}

/// <summary>The answer to <see cref="IUserGrain.Recommend"/>.</summary>
[GenerateSerializer]
[Alias("recsys.RecommendationList")]
[Immutable]
public sealed record RecommendationList
{
    [Id(0)]
    public required string UserId { get; init; }

    [Id(1)]
    public required DateTimeOffset At { get; init; }

    /// <summary>The scene the list was computed for (request fields over the user's current scene).</summary>
    [Id(2)]
    public required SceneContext Scene { get; init; }

    [Id(3)]
    public required IReadOnlyList<RecommendedItem> Items { get; init; }

    /// <summary>Which recommender produced the list: "baseline-mix/1" (the non-learned mix) or
    /// "sequence-model/1" (the learned model, see <see cref="ModelVersion"/>).</summary>
    [Id(4)]
    public required string Strategy { get; init; }

    /// <summary>The content hash of the model that ranked the list; null when the non-learned mix answered.</summary>
    [Id(5)]
    public string? ModelVersion { get; init; }

    /// <summary>Why the mix answered although a model may be served, e.g. "no model is loaded" or "inference
    /// took longer than 250 ms"; null when the model answered.</summary>
    [Id(6)]
    public string? Fallback { get; init; }
}
