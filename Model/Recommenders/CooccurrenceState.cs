namespace Recsys.Model.Recommenders;

/// <summary>A <see cref="CooccurrenceIndex"/> as persisted state. Compact, because shards are written
/// often and hold millions of counts: items are numbered in ordinal id order, and a row is a flat
/// array of (other item number, count) pairs in number order, so equal indexes give equal JSON.</summary>
public sealed record CooccurrenceState
{
    public int NeighbourCount { get; init; } = CooccurrenceIndex.DefaultNeighbourCount;

    public int ShardCount { get; init; } = 1;

    public int ShardIndex { get; init; }

    /// <summary>Every item seen, in ordinal order; an item's number is its position here.</summary>
    public List<string> Items { get; init; } = [];

    /// <summary>n_i: baskets holding each item, by item number (all items, also in a shard).</summary>
    public List<int> BasketCounts { get; init; } = [];

    /// <summary>co(i, j) for the shard's items i, by item number.</summary>
    public List<CooccurrenceRow> Rows { get; init; } = [];
}

/// <summary>The co-occurrence counts of item number <paramref name="Item"/>: <paramref name="Pairs"/>
/// alternates another item's number and the number of baskets holding both.</summary>
public sealed record CooccurrenceRow(int Item, int[] Pairs);
