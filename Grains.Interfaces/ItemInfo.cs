namespace Recsys.Grains.Interfaces;

/// <summary>A catalog entry, as the shop sends it.</summary>
public sealed record ItemInfo
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public string? Category { get; init; }

    public double? Price { get; init; }

    /// <summary>The item is on promotion. When <see cref="PromotionIds"/> names campaigns, the boost
    /// applies only in scenes where one of them is active.</summary>
    public bool OnPromotion { get; init; }

    public IReadOnlyList<string>? PromotionIds { get; init; }
}
