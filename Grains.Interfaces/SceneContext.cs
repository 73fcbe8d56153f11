namespace Recsys.Grains.Interfaces;

/// <summary>Where, when and how a user is: the context recommendations adapt to. The local time of
/// day comes from the offset of an event's timestamp (or of a request's <c>at</c>), so a scene has no
/// time-zone field of its own.</summary>
[GenerateSerializer]
[Alias("recsys.SceneContext")]
[Immutable]
public sealed record SceneContext
{
    [Id(0)]
    public string? Location { get; init; }

    [Id(1)]
    public string? Device { get; init; }

    [Id(2)]
    public IReadOnlyList<string> PromotionIds { get; init; } = [];

    /// <summary>When the scene was last observed (event time).</summary>
    [Id(3)]
    public DateTimeOffset? ObservedAt { get; init; }
}
