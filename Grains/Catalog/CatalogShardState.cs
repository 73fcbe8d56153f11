using Recsys.Grains.Interfaces;

namespace Recsys.Grains.Catalog;

[GenerateSerializer]
[Alias("recsys.CatalogShardState")]
public sealed class CatalogShardState
{
    /// <summary>The latest change's version; each change takes the next.</summary>
    [Id(0)]
    public long Version { get; set; }

    [Id(1)]
    public List<CatalogEntry> Entries { get; set; } = [];

    /// <summary>Names the sequence of <see cref="Version"/>s: a new one when versions may have been given to
    /// entries that were never written (and so may be given again).</summary>
    [Id(2)]
    public Guid Epoch { get; set; }
}

[GenerateSerializer]
[Alias("recsys.CatalogEntry")]
[Immutable]
public sealed record CatalogEntry([property: Id(0)] ItemInfo Item, [property: Id(1)] long Version);
