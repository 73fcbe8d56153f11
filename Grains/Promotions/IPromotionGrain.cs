using Orleans.Concurrency;

namespace Recsys.Grains.Promotions;

/// <summary>The items of one promotion (key: see <see cref="PromotionScope"/>).</summary>
[Alias("recsys.IPromotionGrain")]
public interface IPromotionGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task Add(string itemId);

    [Alias("Remove")]
    Task Remove(string itemId);

    [AlwaysInterleave]
    [Alias("Items")]
    Task<IReadOnlyList<string>> Items();
}
