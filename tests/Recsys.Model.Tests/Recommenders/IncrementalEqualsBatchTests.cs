using System.Text.Json;
using Recsys.Model.Recommenders;
using Recsys.Model.Tests.Support;

namespace Recsys.Model.Tests.Recommenders;

/// <summary>Feeds random baskets one purchase at a time, in shuffled order (items join baskets out of time
/// order, states are persisted and restored half-way), and compares with counts computed in one pass.</summary>
public sealed class IncrementalEqualsBatchTests
{
    private static readonly DateTimeOffset Start = Moments.NewYear2011;
    private static readonly DateTimeOffset At = Start.AddDays(200);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Incremental_updates_equal_batch_construction(int seed)
    {
        var random = new Random(seed);
        var baskets = RandomBaskets(random);
        var purchases = baskets
            .SelectMany(basket => basket.Items.Select(item => (Basket: basket, Item: item)))
            .ToArray();
        random.Shuffle(purchases);

        var cooccurrences = new CooccurrenceIndex(neighbourCount: 5);
        var shards = Enumerable.Range(0, 3).Select(shard => new CooccurrenceIndex(5, 3, shard)).ToArray();
        var popularity = new BasketPopularity { RetentionDays = 365 };
        var profiles = new Dictionary<string, RepeatProfile>();
        var contents = baskets.ToDictionary(basket => basket.Id, _ => new List<string>());
        for (var i = 0; i < purchases.Length; i++)
        {
            if (i == purchases.Length / 2)
            {
                (cooccurrences, popularity, profiles) = (Restore(cooccurrences), RoundTrip(popularity),
                    profiles.ToDictionary(pair => pair.Key, pair => RoundTrip(pair.Value)));
                shards = shards.Select(Restore).ToArray();
            }

            var (basket, item) = purchases[i];
            var before = contents[basket.Id];
            cooccurrences.AddToBasket(before, item);
            foreach (var shard in shards)
            {
                shard.AddToBasket(before, item);
            }

            before.Add(item);
            popularity.Add(item, basket.Time);
            if (!profiles.TryGetValue(basket.Customer, out var profile))
            {
                profiles[basket.Customer] = profile = new RepeatProfile();
            }

            profile.Add(item, basket.Time);
        }

        AssertCooccurrences(baskets, cooccurrences, shards);
        AssertPopularity(baskets, popularity);
        AssertRepeatScores(baskets, profiles);
    }

    private static void AssertCooccurrences(List<RandomBasket> baskets, CooccurrenceIndex index,
        CooccurrenceIndex[] shards)
    {
        var items = baskets.SelectMany(basket => basket.Items).Distinct().ToList();
        var basketCount = items.ToDictionary(item => item,
            item => baskets.Count(basket => basket.Items.Contains(item)));
        foreach (var item in items)
        {
            var together = items.Where(other => other != item)
                .Select(other =>
                    (Other: other, Count: baskets.Count(b => b.Items.Contains(item) && b.Items.Contains(other))))
                .Where(pair => pair.Count > 0)
                .ToList();
            Assert.Equal(basketCount[item], index.BasketCount(item));
            Assert.All(together, pair => Assert.Equal(pair.Count, index.Cooccurrences(item, pair.Other)));
            var expectedNeighbours = together
                .Select(pair => new ItemNeighbour(pair.Other,
                    pair.Count / Math.Sqrt((double)basketCount[item] * basketCount[pair.Other])))
                .OrderByDescending(neighbour => neighbour.Similarity)
                .ThenBy(neighbour => neighbour.ItemId, StringComparer.Ordinal)
                .Take(5);
            Assert.Equal(expectedNeighbours, index.Neighbours(item));
            Assert.Equal(expectedNeighbours, shards[CooccurrenceIndex.ShardOf(item, shards.Length)].Neighbours(item));
        }
    }

    private static void AssertPopularity(List<RandomBasket> baskets, BasketPopularity popularity)
    {
        var lines = baskets.SelectMany(basket => basket.Items.Select(item => (basket.Time, Item: item))).ToList();
        var allTime = lines.CountBy(line => line.Item).ToDictionary();
        var recent = lines.Where(line => line.Time >= At.AddDays(-30) && line.Time < At)
            .CountBy(line => line.Item)
            .ToDictionary();

        Assert.Equal(allTime, popularity.AllTime);
        Assert.Equal(recent, popularity.RecentCounts(At));
    }

    private static void AssertRepeatScores(List<RandomBasket> baskets, Dictionary<string, RepeatProfile> profiles)
    {
        foreach (var (customer, profile) in profiles)
        {
            var expected = baskets.Where(basket => basket.Customer == customer)
                .SelectMany(basket => basket.Items.Select(item =>
                    (Item: item, Weight: Math.Exp(-(At - basket.Time).TotalDays / 90))))
                .GroupBy(line => line.Item)
                .ToDictionary(group => group.Key, group => group.Sum(line => line.Weight));
            var actual = profile.Scores(At);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            Assert.All(expected, pair => Assert.Equal(pair.Value, actual[pair.Key], pair.Value * 1e-12));
        }
    }

    private static CooccurrenceIndex Restore(CooccurrenceIndex index) =>
        CooccurrenceIndex.FromState(RoundTrip(index.ToState()));

    private static T RoundTrip<T>(T state) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(state, Json), Json)!;

    private static List<RandomBasket> RandomBaskets(Random random)
    {
        var items = Enumerable.Range(0, 30).Select(i => $"I{i:00}").ToArray();
        return Enumerable.Range(0, 150)
            .Select(i => new RandomBasket(
                $"B{i:000}",
                $"C{random.Next(10)}",
                Start.AddMinutes(random.Next(200 * 24 * 60)),
                random.GetItems(items, random.Next(1, 9)).Distinct().ToList()))
            .ToList();
    }

    private sealed record RandomBasket(string Id, string Customer, DateTimeOffset Time, List<string> Items);
}
