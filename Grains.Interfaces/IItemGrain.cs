using Orleans.Concurrency;

namespace Recsys.Grains.Interfaces;

/// <summary>One catalog item (key: item id): its info and decayed popularity.</summary>
[Alias("recsys.IItemGrain")]
public interface IItemGrain : IGrainWithStringKey
{
    /// <exception cref="Validation.ContractViolationException">The item breaks the contract, or its id is not the grain's key.</exception>
    [Alias("Upsert")]
    Task Upsert([Immutable] ItemInfo item);

    /// <summary>Interleaves: a synchronous read, never waiting behind a write of the state.</summary>
    [AlwaysInterleave]
    [Alias("Info")]
    Task<ItemSnapshot> Info();
}
