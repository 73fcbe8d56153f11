using Recsys.Grains.Interfaces;

namespace Recsys.Grains.Items;

/// <summary>One event's worth of interest in an item.</summary>
[GenerateSerializer]
[Alias("recsys.ItemInteraction")]
[Immutable]
public sealed record ItemInteraction(EventType Type, DateTimeOffset Time);
