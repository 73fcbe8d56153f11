using Recsys.Model.Recommenders;

namespace Recsys.Grains.Cooccurrence;

/// <summary>The neighbours of some items, as one co-occurrence shard answers. Immutable: the shard hands
/// out lists it never changes again, so a call inside the silo passes them without a deep copy (a heavy
/// user's answer holds thousands of neighbours).</summary>
[GenerateSerializer]
[Alias("recsys.NeighbourLists")]
[Immutable]
public sealed record NeighbourLists([property: Id(0)] IReadOnlyDictionary<string, IReadOnlyList<ItemNeighbour>> ByItem);
