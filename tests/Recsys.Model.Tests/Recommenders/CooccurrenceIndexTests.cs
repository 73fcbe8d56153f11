using System.Text.Json;
using Recsys.Model.Recommenders;

namespace Recsys.Model.Tests.Recommenders;

public sealed class CooccurrenceIndexTests
{
    /// <summary>n: A 2, B 3, C 1, D 1; co: AB 2, AC 1, BC 1, BD 1.</summary>
    private static readonly string[][] Baskets = [["A", "B", "C"], ["A", "B"], ["B", "D"]];

    [Fact]
    public void Counts_baskets_and_cooccurrences_and_computes_cosine_similarity()
    {
        var index = Build(Baskets);

        Assert.Equal([2, 3, 1, 1], new[] { "A", "B", "C", "D" }.Select(index.BasketCount));
        Assert.Equal((2, 2, 0),
            (index.Cooccurrences("A", "B"), index.Cooccurrences("B", "A"), index.Cooccurrences("A", "D")));
        Assert.Equal(2 / Math.Sqrt(6), index.Similarity("A", "B"));
        ItemNeighbour[] neighboursOfB = [new("A", 2 / Math.Sqrt(6)), new("C", 1 / Math.Sqrt(3)), new("D", 1 / Math.Sqrt(3))];
        Assert.Equal(neighboursOfB, index.Neighbours("B"));
        Assert.Equal(["A", "C"],
            Build(Baskets, neighbourCount: 2).Neighbours("B").Select(neighbour => neighbour.ItemId));
        Assert.Empty(index.Neighbours("unknown"));
    }

    [Fact]
    public void Counts_an_item_joining_a_basket_once()
    {
        var index = new CooccurrenceIndex();

        Assert.True(index.AddToBasket([], "X"));
        Assert.True(index.AddToBasket(["X"], "Y"));
        Assert.False(index.AddToBasket(["X", "Y"], "X"));

        Assert.Equal((1, 1, 1), (index.BasketCount("X"), index.BasketCount("Y"), index.Cooccurrences("X", "Y")));
    }

    [Fact]
    public void Recomputes_cached_neighbours_an_update_changes()
    {
        var index = Build(Baskets);
        ItemNeighbour[] neighboursOfA = [new("B", 2 / Math.Sqrt(6)), new("C", 1 / Math.Sqrt(2))];
        Assert.Equal(neighboursOfA, index.Neighbours("A"));
        var allItems = new[] { "A", "B", "C", "D" };
        foreach (var item in allItems)
        {
            index.Neighbours(item);
        }

        index.AddBasket(["C", "D"]);

        var fresh = Build([.. Baskets, ["C", "D"]]);
        Assert.Equal([neighboursOfA[0], new ItemNeighbour("C", 0.5)], index.Neighbours("A"));
        Assert.All(allItems, item => Assert.Equal(fresh.Neighbours(item), index.Neighbours(item)));
    }

    [Fact]
    public void Shards_hold_the_rows_of_their_items_and_agree_with_the_whole_index()
    {
        var items = Enumerable.Range(0, 20).Select(i => $"I{i:00}").ToArray();
        string[][] baskets = [.. items.Chunk(3), .. items.Chunk(4), items[..7]];
        var whole = Build(baskets);
        var shards = Enumerable.Range(0, 3).Select(shard => Build(baskets, shardCount: 3, shardIndex: shard)).ToArray();

        foreach (var item in items)
        {
            var owner = CooccurrenceIndex.ShardOf(item, 3);
            Assert.Equal(whole.Neighbours(item), shards[owner].Neighbours(item));
            Assert.Throws<InvalidOperationException>(() => shards[(owner + 1) % 3].Neighbours(item));
        }

        Assert.All(shards, shard =>
        {
            var state = shard.ToState();
            Assert.All(state.Rows, row => Assert.True(shard.OwnsRow(state.Items[row.Item])));
        });
        Assert.Equal(items.Length, shards.Sum(shard => shard.ToState().Rows.Count));
    }

    [Fact]
    public void Refuses_an_inconsistent_state()
    {
        var state = Build(Baskets).ToState();

        Assert.Throws<ArgumentException>(() => CooccurrenceIndex.FromState(state with { BasketCounts = [1] }));
        Assert.Throws<ArgumentException>(() => CooccurrenceIndex.FromState(state with { Rows = [new CooccurrenceRow(0, [1])] }));
        Assert.Throws<ArgumentException>(() => CooccurrenceIndex.FromState(state with { Rows = [new CooccurrenceRow(0, [9, 1])] }));
        Assert.Throws<ArgumentException>(() => CooccurrenceIndex.FromState(state with { Items = ["A", "A", "C", "D"] }));
    }

    [Fact]
    public void Round_trips_through_its_state_as_json_with_a_deterministic_key_order()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var index = Build(Baskets);
        var reordered = Build([["D", "B"], ["B", "A"], ["C", "A", "B"]]);

        var json = JsonSerializer.Serialize(index.ToState(), options);
        var restored = CooccurrenceIndex.FromState(JsonSerializer.Deserialize<CooccurrenceState>(json, options)!);

        Assert.Equal(
            """{"neighbourCount":100,"shardCount":1,"shardIndex":0,"items":["A","B","C","D"],"basketCounts":[2,3,1,1],"rows":[{"item":0,"pairs":[1,2,2,1]},{"item":1,"pairs":[0,2,2,1,3,1]},{"item":2,"pairs":[0,1,1,1]},{"item":3,"pairs":[1,1]}]}""",
            json);
        Assert.Equal(json, JsonSerializer.Serialize(reordered.ToState(), options));
        Assert.Equal(index.Neighbours("B"), restored.Neighbours("B"));
        restored.AddBasket(["A", "D"]);
        Assert.Equal(1, restored.Cooccurrences("D", "A"));
    }

    [Fact]
    public void Refuses_a_state_holding_rows_of_another_shard()
    {
        var state = Build(Baskets).ToState() with { ShardCount = 2, ShardIndex = 0 };

        Assert.Throws<ArgumentException>(() => CooccurrenceIndex.FromState(state));
    }

    [Fact]
    public void A_row_limit_bounds_rows_and_keeps_the_frequent_neighbours()
    {
        // "HUB" shares baskets with 5 strong partners (every basket) and a long tail of 1,000 items seen once each.
        var baskets = Enumerable.Range(0, 1000)
            .Select(i => new[] { "HUB", "S0", "S1", "S2", "S3", "S4", $"T{i:D4}" })
            .ToList();
        var whole = Build(baskets, neighbourCount: 5);
        var limited = Build(baskets, neighbourCount: 5, rowLimit: 10);

        Assert.Equal(1005, whole.RowSize("HUB"));
        Assert.InRange(limited.RowSize("HUB"), 10, 20);
        Assert.Equal(whole.Neighbours("HUB"), limited.Neighbours("HUB"));
        Assert.Equal(1000, limited.Cooccurrences("HUB", "S3"));
        Assert.Equal(1000, limited.BasketCount("HUB"));
        // The limit holds across a save and a restore.
        var restored = CooccurrenceIndex.FromState(limited.ToState(), rowLimit: 10);
        restored.AddBasket(["HUB", "S0", "T9999"]);
        Assert.InRange(restored.RowSize("HUB"), 10, 20);
        Assert.Equal(1001, restored.Cooccurrences("HUB", "S0"));
    }

    [Fact]
    public void A_row_limit_below_the_neighbour_count_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CooccurrenceIndex(neighbourCount: 100, rowLimit: 50));

    private static CooccurrenceIndex Build(IEnumerable<string[]> baskets, int neighbourCount = 100, int shardCount = 1,
        int shardIndex = 0, int rowLimit = 0)
    {
        var index = new CooccurrenceIndex(neighbourCount, shardCount, shardIndex, rowLimit);
        foreach (var basket in baskets)
        {
            index.AddBasket(basket);
        }

        return index;
    }
}
