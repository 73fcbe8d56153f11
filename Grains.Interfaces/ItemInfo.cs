namespace Recsys.Grains.Interfaces;

/// <summary>A catalog entry, as the shop sends it.</summary>
[GenerateSerializer]
[Alias("recsys.ItemInfo")]
[Immutable]
public sealed record ItemInfo
{
    [Id(0)]
    public required string Id { get; init; }

    [Id(1)]
    public required string Title { get; init; }

    [Id(2)]
    public string? Description { get; init; }

    [Id(3)]
    public string? Category { get; init; }

    [Id(4)]
    public double? Price { get; init; }

    /// <summary>The item is on promotion. When <see cref="PromotionIds"/> names campaigns, the boost
    /// applies only in scenes where one of them is active.</summary>
    [Id(5)]
    public bool OnPromotion { get; init; }

    [Id(6)]
    public IReadOnlyList<string>? PromotionIds { get; init; }
}
