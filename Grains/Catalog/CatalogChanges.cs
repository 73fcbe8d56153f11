using Recsys.Grains.Interfaces;

namespace Recsys.Grains.Catalog;

/// <summary>Entries of a catalog shard changed after a version, and the version and epoch they bring the reader
/// to.</summary>
[GenerateSerializer]
[Alias("recsys.CatalogChanges")]
[Immutable]
public sealed record CatalogChanges(
    [property: Id(0)] Guid Epoch,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<ItemInfo> Items);
