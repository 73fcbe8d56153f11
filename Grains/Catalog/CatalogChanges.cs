using Recsys.Grains.Interfaces;

namespace Recsys.Grains.Catalog;

/// <summary>Entries of a catalog shard changed after a version, the version and epoch they bring the reader to, and
/// whether more changes wait beyond that version.</summary>
[GenerateSerializer]
[Alias("recsys.CatalogChanges")]
[Immutable]
public sealed record CatalogChanges(
    [property: Id(0)] Guid Epoch,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<ItemInfo> Items,
    [property: Id(3)] bool Complete = true);
