using Recsys.Runtime;

namespace Recsys.Grains.Promotions;

/// <summary>The items of one promotion (key: see <see cref="PromotionScope"/>).</summary>
public interface IPromotionGrain : IGrainWithStringKey
{
    Task Add(string itemId);

    Task Remove(string itemId);

    [AlwaysInterleave]
    Task<IReadOnlyList<string>> Items();
}
