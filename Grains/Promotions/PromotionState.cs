namespace Recsys.Grains.Promotions;

public sealed class PromotionState
{
    /// <summary>Sorted, distinct.</summary>
    public List<string> ItemIds { get; set; } = [];
}
