namespace Recsys.Grains.Interfaces;

/// <summary>What a served model reads of a user for one request: the moment and scene (request fields over the
/// user's current scene) and the user's baskets since the model's snapshot.</summary>
[GenerateSerializer]
[Alias("recsys.UserModelContext")]
[Immutable]
public sealed record UserModelContext
{
    [Id(0)]
    public required DateTimeOffset At { get; init; }

    [Id(1)]
    public required SceneContext Scene { get; init; }

    /// <summary>Chronological, those at or after the time asked for and not after <see cref="At"/>.</summary>
    [Id(2)]
    public required IReadOnlyList<PurchasedBasket> Baskets { get; init; }

    /// <summary>The items on promotion in <see cref="Scene"/>; null unless the request asked for promoted items only.</summary>
    [Id(3)]
    public IReadOnlyList<string>? PromotedItemIds { get; init; }

    /// <summary>Every item the user bought; null unless the request refused repeats.</summary>
    [Id(4)]
    public IReadOnlyList<string>? PurchasedItemIds { get; init; }
}

/// <summary>One of a user's baskets: when, and the items in the order they were bought.</summary>
[GenerateSerializer]
[Alias("recsys.PurchasedBasket")]
[Immutable]
public sealed record PurchasedBasket
{
    [Id(0)]
    public required DateTimeOffset Time { get; init; }

    [Id(1)]
    public required IReadOnlyList<string> ItemIds { get; init; }
}
