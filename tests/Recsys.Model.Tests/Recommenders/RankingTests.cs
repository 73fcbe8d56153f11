using Recsys.Model.Recommenders;

namespace Recsys.Model.Tests.Recommenders;

public sealed class RankingTests
{
    [Fact]
    public void Ranks_by_score_then_tie_break_rank_then_id()
    {
        var scores = new Dictionary<string, double> { ["A"] = 1, ["B"] = 2, ["C"] = 1, ["D"] = 1, ["E"] = 1 };
        var popularity = new ItemRanking(["C", "A"]);

        Assert.Equal(["B", "C", "A", "D", "E"], RankedLists.TopByScore(scores, 10, popularity));
        Assert.Equal(["B", "C"], RankedLists.TopByScore(scores, 2, popularity));
        Assert.Equal(["C", "A", "D"], RankedLists.TopByScore(scores, 3, popularity, exclude: new HashSet<string> { "B" }));
    }

    [Fact]
    public void Fills_from_fallbacks_with_distinct_items_that_are_not_excluded()
    {
        var filled = RankedLists.Fill(["A", "B"], 4, new HashSet<string> { "C" }, ["B", "C", "D"], ["D", "E", "F"]);

        Assert.Equal(["A", "B", "D", "E"], filled);
        Assert.Equal(["A"], RankedLists.Fill(["A", "B"], 1, null));
    }

    [Fact]
    public void Mixes_max_normalised_scores_with_weights()
    {
        var repeat = new Dictionary<string, double> { ["A"] = 2, ["B"] = 1 };
        var knn = new Dictionary<string, double> { ["B"] = 4, ["C"] = 2 };

        var mixed = RankedLists.Mix(new WeightedScores(repeat, 1), new WeightedScores(knn, 0.5));

        Assert.Equal(new Dictionary<string, double> { ["A"] = 1, ["B"] = 1, ["C"] = 0.25 }, mixed);
    }

    [Fact]
    public void Normalises_empty_and_all_zero_parts_by_one()
    {
        var mixed = RankedLists.Mix(new WeightedScores(new Dictionary<string, double>(), 1),
            new WeightedScores(new Dictionary<string, double> { ["A"] = 0 }, 1));

        Assert.Equal(new Dictionary<string, double> { ["A"] = 0 }, mixed);
    }

    [Fact]
    public void Item_rankings_know_ranks_and_skip_exclusions()
    {
        var ranking = new ItemRanking(["X", "Y", "Z"]);

        Assert.Equal((0, 2, int.MaxValue), (ranking.RankOf("X"), ranking.RankOf("Z"), ranking.RankOf("W")));
        Assert.Equal(["X", "Z"], ranking.Top(2, new HashSet<string> { "Y" }));
    }

    [Fact]
    public void Item_knn_sums_neighbour_similarities_weighted_by_basket_recency()
    {
        var start = new DateTimeOffset(2011, 1, 1, 0, 0, 0, TimeSpan.Zero);
        RecentBasket[] baskets =
        [
            new() { Id = "old", Time = start, Items = ["A"] },
            new() { Id = "new", Time = start.AddDays(90), Items = ["A", "B"] },
        ];
        var neighbours = new Dictionary<string, IReadOnlyList<ItemNeighbour>>
        {
            ["A"] = [new("B", 0.5), new("C", 0.25)],
            ["B"] = [new("C", 1.0)],
        };

        var scores = ItemKnn.Scores(baskets, start.AddDays(90), item => neighbours[item]);

        var oldWeight = Math.Exp(-1);
        Assert.Equal(new Dictionary<string, double>
        {
            ["B"] = 0.5 * oldWeight + 0.5,
            ["C"] = 0.25 * oldWeight + 0.25 + 1.0,
        }, scores);
    }
}
