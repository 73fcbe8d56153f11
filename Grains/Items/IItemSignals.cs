using Orleans.Concurrency;

namespace Recsys.Grains.Items;

/// <summary>The ingestion side of <see cref="ItemGrain"/>.</summary>
[Alias("recsys.IItemSignals")]
public interface IItemSignals : IGrainWithStringKey
{
    /// <summary>Counts interactions; returns whether the catalog knows the item.</summary>
    [Alias("Record")]
    Task<bool> Record([Immutable] IReadOnlyList<ItemInteraction> interactions);
}
