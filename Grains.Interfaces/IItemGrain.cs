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

    /// <summary>The item's vectors by the model its silo serves, kept with the item for that model's version: computed
    /// at upsert (a new item with only a title gets them from its text), again after a catalog change or a model swap.
    /// Null for an item without a catalog entry, or when no model is loaded.</summary>
    [Alias("Vectors")]
    Task<ItemVectors?> Vectors();
}
