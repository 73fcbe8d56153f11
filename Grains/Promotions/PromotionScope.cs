namespace Recsys.Grains.Promotions;

/// <summary>Keys of <see cref="IPromotionGrain"/>: one per campaign id, and one for items on
/// promotion without a campaign, which are promoted in every scene.</summary>
public static class PromotionScope
{
    public const string Standing = "*standing";

    /// <summary>The promotion grains an item belongs to.</summary>
    public static IEnumerable<string> Of(Interfaces.ItemInfo? item) =>
        item is not { OnPromotion: true } ? []
        : item.PromotionIds is { Count: > 0 } ids ? ids.Distinct(StringComparer.Ordinal)
        : [Standing];
}
