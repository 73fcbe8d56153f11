using System.Text.Json.Serialization;
using Recsys.Model.Serialization;

namespace Recsys.Model.Recommenders;

/// <summary>A <see cref="CooccurrenceIndex"/> as persisted JSON state, keys in ordinal order.</summary>
public sealed record CooccurrenceState
{
    public int NeighbourCount { get; init; } = CooccurrenceIndex.DefaultNeighbourCount;

    public int ShardCount { get; init; } = 1;

    public int ShardIndex { get; init; }

    /// <summary>n_i: baskets holding each item (all items, also in a shard).</summary>
    [JsonConverter(typeof(SortedKeysJsonConverter))]
    public Dictionary<string, int> BasketCounts { get; init; } = new(StringComparer.Ordinal);

    /// <summary>co(i, j) for the shard's items i: baskets holding both i and j (i ≠ j).</summary>
    [JsonConverter(typeof(SortedKeysJsonConverter))]
    public Dictionary<string, Dictionary<string, int>> Rows { get; init; } = new(StringComparer.Ordinal);
}
