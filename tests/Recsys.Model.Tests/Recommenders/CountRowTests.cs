using Recsys.Model.Recommenders;

namespace Recsys.Model.Tests.Recommenders;

public class CountRowTests
{
    [Fact]
    public void Counts_like_a_dictionary_through_growth()
    {
        var random = new Random(7);
        var row = new CountRow();
        var expected = new Dictionary<int, int>();
        for (var step = 0; step < 50_000; step++)
        {
            // Dense small numbers and sparse large ones, as item numbers come.
            var item = random.Next(4) == 0 ? random.Next(1_000_000) : random.Next(3_000);
            row.Increment(item);
            expected[item] = expected.GetValueOrDefault(item) + 1;
        }

        Assert.Equal(expected.Count, row.Count);
        Assert.Equal(expected.OrderBy(pair => pair.Key), row.Pairs().OrderBy(pair => pair.Key));
        Assert.All(expected, pair => Assert.Equal(pair.Value, row[pair.Key]));
        Assert.Equal(0, row[1_000_001]);
        Assert.False(row.Contains(1_000_001));
        Assert.True(row.Count <= CountRow.HoldsAtMost(row.Capacity));
    }

    [Fact]
    public void Keeps_the_largest_counts_with_ties_to_the_lower_number_in_the_fewest_slots()
    {
        var row = new CountRow();
        for (var item = 0; item < 100; item++)
        {
            row.Set(item, item % 10 + 1);
        }

        row.KeepLargest(15);

        Assert.Equal(15, row.Count);
        Assert.Equal(CountRow.SlotsFor(15), row.Capacity);
        Assert.Equal([9, 19, 29, 39, 49, 59, 69, 79, 89, 99, 8, 18, 28, 38, 48],
            row.Pairs().OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key).Select(pair => pair.Key));
        Assert.Equal(10, row[99]);
        Assert.Equal(0, row[98]);
    }

    [Fact]
    public void Set_replaces_a_count_and_a_count_stops_at_the_largest_int()
    {
        var row = new CountRow();
        row.Set(5, 3);
        row.Set(5, int.MaxValue);
        row.Increment(5);

        Assert.Equal(1, row.Count);
        Assert.Equal(int.MaxValue, row[5]);
        Assert.Throws<ArgumentOutOfRangeException>(() => row.Set(6, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => row.Increment(-1));
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(6, 8)]
    [InlineData(7, 16)]
    [InlineData(1500, 2048)]
    [InlineData(1537, 4096)]
    public void Slots_hold_the_count_at_most_three_quarters_full(int count, int slots)
    {
        Assert.Equal(slots, CountRow.SlotsFor(count));
        Assert.True(CountRow.HoldsAtMost(slots) >= count);
    }
}
