using Recsys.Runtime;

namespace Recsys.Grains.Items;

/// <summary>The ingestion side of <see cref="ItemGrain"/>.</summary>
public interface IItemSignals : IGrainWithStringKey
{
    /// <summary>Counts interactions; returns whether the catalog knows the item.</summary>
    Task<bool> Record(IReadOnlyList<ItemInteraction> interactions);
}
