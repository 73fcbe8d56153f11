namespace Recsys.Grains.Promotions;

[GenerateSerializer]
[Alias("recsys.PromotionState")]
public sealed class PromotionState
{
    /// <summary>Sorted, distinct.</summary>
    [Id(0)]
    public List<string> ItemIds { get; set; } = [];
}
