namespace Recsys.Grains.Interfaces;

/// <summary>Where, when and how a user is: the context recommendations adapt to.</summary>
public sealed record SceneContext
{
    public string? Location { get; init; }

    public string? Device { get; init; }

    public int? TimeZoneOffsetMinutes { get; init; }

    public IReadOnlyList<string> PromotionIds { get; init; } = [];

    /// <summary>When the scene was last observed (event time).</summary>
    public DateTimeOffset? ObservedAt { get; init; }
}
