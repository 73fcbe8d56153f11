using Recsys.Runtime;

namespace Recsys.Grains.Interfaces;

/// <summary>One catalog item (key: item id): its info and decayed popularity.</summary>
public interface IItemGrain : IGrainWithStringKey
{
    Task Upsert(ItemInfo item);

    /// <summary>Interleaves: a synchronous read, never waiting behind a write of the state.</summary>
    [AlwaysInterleave]
    Task<ItemSnapshot> Info();
}
