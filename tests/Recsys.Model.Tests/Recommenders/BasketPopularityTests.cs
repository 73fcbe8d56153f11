using System.Text.Json;
using Recsys.Model.Recommenders;
using Recsys.Model.Tests.Support;

namespace Recsys.Model.Tests.Recommenders;

public sealed class BasketPopularityTests
{
    private static readonly DateTimeOffset At = Moments.September2011;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Counts_the_days_that_start_in_the_window_before_the_moment()
    {
        var popularity = new BasketPopularity();
        popularity.Add("first-day", new DateTimeOffset(2011, 8, 2, 0, 0, 0, TimeSpan.Zero));
        popularity.Add("last-day", new DateTimeOffset(2011, 8, 31, 23, 59, 0, TimeSpan.Zero));
        popularity.Add("too-old", new DateTimeOffset(2011, 8, 1, 23, 59, 0, TimeSpan.Zero));
        popularity.Add("at-cutoff", At);

        Assert.Equal(new Dictionary<string, int> { ["first-day"] = 1, ["last-day"] = 1 }, popularity.RecentCounts(At));
        Assert.Equal(1, popularity.AllTimeCount("too-old"));
        Assert.Equal(new Dictionary<string, int> { ["last-day"] = 1 },
            popularity.RecentCounts(At, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Ranks_by_recent_count_then_all_time_count_then_tie_break_then_id()
    {
        var popularity = Sample();

        Assert.Equal(["A", "C", "B", "E", "D"], popularity.Rank(At).Items);
        Assert.Equal(["C", "A", "B", "E", "D"], popularity.Rank(At, tieBreak: new ItemRanking(["C", "A"])).Items);
        Assert.Equal(["C", "B"], popularity.Top(2, At, exclude: new HashSet<string> { "A" }));
    }

    [Fact]
    public void Folds_days_older_than_the_retention_into_the_all_time_counts()
    {
        var popularity = new BasketPopularity { RetentionDays = 3 };
        popularity.Add("X", Day(1));
        popularity.Add("Y", Day(4));
        popularity.Add("Z", Day(1));
        popularity.Add("W", Day(3));

        Assert.Equal([DateOnly.FromDateTime(Day(3).UtcDateTime), DateOnly.FromDateTime(Day(4).UtcDateTime)],
            popularity.Days.Keys.Order());
        Assert.Equal((1, 1), (popularity.AllTimeCount("X"), popularity.AllTimeCount("Z")));
        Assert.Throws<ArgumentOutOfRangeException>(() => popularity.RecentCounts(Day(5), TimeSpan.FromDays(4)));
    }

    [Fact]
    public void Serializes_to_the_same_json_whatever_the_order_of_updates_and_reads_it_back()
    {
        var forward = Sample();
        var backward = new BasketPopularity();
        foreach (var (item, time) in SampleEvents().Reverse())
        {
            backward.Add(item, time);
        }

        var json = JsonSerializer.Serialize(forward, Json);
        var restored = JsonSerializer.Deserialize<BasketPopularity>(json, Json)!;

        Assert.Equal(json, JsonSerializer.Serialize(backward, Json));
        Assert.Equal("""{"retentionDays":60,"newestDay":"2011-08-31","allTime":{"A":3,"B":2,"C":3,"D":5,"E":1},"days":{"2011-08-12":{"B":1},"2011-08-31":{"A":2,"B":1,"C":2,"E":1}}}""", json);
        Assert.Equal(forward.Rank(At).Items, restored.Rank(At).Items);
    }

    private static DateTimeOffset Day(int day) => new(2011, 8, day, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Recent (last 30 days) / all-time baskets: A 2/3, B 2/2, C 2/3, D 0/5, E 1/1.</summary>
    private static BasketPopularity Sample()
    {
        var popularity = new BasketPopularity();
        foreach (var (item, time) in SampleEvents())
        {
            popularity.Add(item, time);
        }

        return popularity;
    }

    private static IEnumerable<(string Item, DateTimeOffset Time)> SampleEvents()
    {
        var recent = At.AddDays(-1);
        var old = new DateTimeOffset(2011, 7, 1, 0, 0, 0, TimeSpan.Zero);
        return
        [
            ("A", recent), ("A", recent), ("A", old), ("B", recent), ("B", At.AddDays(-20)), ("C", recent),
            ("C", recent), ("C", old), ("D", old), ("D", old), ("D", old), ("D", old), ("D", old), ("E", recent),
        ];
    }
}
