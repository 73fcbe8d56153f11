namespace Recsys.Model.Recommenders;

/// <summary>A <see cref="CooccurrenceIndex"/> as persisted state. Compact, because shards are written
/// often and hold millions of counts: items are numbered in ordinal id order, and a row is a flat
/// array of (other item number, count) pairs in number order, so equal indexes give equal JSON.</summary>
[GenerateSerializer]
[Alias("recsys.CooccurrenceState")]
public sealed record CooccurrenceState
{
    [Id(0)]
    public int NeighbourCount { get; set; } = CooccurrenceIndex.DefaultNeighbourCount;

    [Id(1)]
    public int ShardCount { get; set; } = 1;

    [Id(2)]
    public int ShardIndex { get; set; }

    /// <summary>Every item seen, in ordinal order; an item's number is its position here.</summary>
    [Id(3)]
    public List<string> Items { get; set; } = [];

    /// <summary>n_i: baskets holding each item, by item number (all items, also in a shard).</summary>
    [Id(4)]
    public List<int> BasketCounts { get; set; } = [];

    /// <summary>co(i, j) for the shard's items i, by item number.</summary>
    [Id(5)]
    public List<CooccurrenceRow> Rows { get; set; } = [];
}

/// <summary>The co-occurrence counts of item number <paramref name="Item"/>: <paramref name="Pairs"/>
/// alternates another item's number and the number of baskets holding both.</summary>
[GenerateSerializer]
[Alias("recsys.CooccurrenceRow")]
public sealed record CooccurrenceRow(int Item, int[] Pairs);
