using Recsys.Model.Data;
using Recsys.Model.Ranking;

namespace Recsys.Model.Tests.Ranking;

/// <summary>A small seeded shop for training tests: customers with favourite items they re-buy and
/// occasional new items, over about half a year of weekly-ish baskets.</summary>
internal static class SyntheticShop
{
    public static readonly DateTimeOffset Start = new(2011, 1, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Few cuts over the shop's half year, so that tests train in well under a second.</summary>
    public static readonly RankingOptions Options = new()
    {
        TrainingCuts = 5,
        DaysBetweenCuts = 14,
        MinimumHistoryDays = 30,
    };

    public static IReadOnlyList<Basket> Baskets(int customers = 30, int items = 40, int seed = 5)
    {
        var random = new Random(seed);
        var baskets = new List<Basket>();
        for (var customer = 0; customer < customers; customer++)
        {
            var favourites = Enumerable.Range(0, 6).Select(_ => random.Next(items)).Distinct().ToArray();
            var time = Start.AddHours(random.Next(24 * 14));
            while (time < Start.AddDays(180))
            {
                var basketItems = favourites.Where(_ => random.NextDouble() < 0.6)
                    .Append(random.Next(items))
                    .Distinct()
                    .ToArray();
                baskets.Add(new Basket
                {
                    Id = $"b{baskets.Count}",
                    Time = time,
                    CustomerId = $"c{customer}",
                    Country = customer % 3 == 0 ? "France" : "United Kingdom",
                    Sequence = baskets.Count,
                    Lines = [.. basketItems.Select(item =>
                        new BasketLine($"i{item}", 1 + random.Next(5), 1 + item % 7))],
                });
                time = time.AddHours(24 * (3 + random.Next(14)) + random.Next(8));
            }
        }

        baskets.Sort(Basket.Chronological);
        return baskets;
    }

    /// <summary>Titles that make items with close numbers share a product line.</summary>
    public static IReadOnlyDictionary<string, string> Titles(int items = 40) =>
        Enumerable.Range(0, items).ToDictionary(item => $"i{item}",
            item => $"LINE{(char)('A' + item / 5)} DESIGN{(char)('A' + item % 5)} BAG");
}
