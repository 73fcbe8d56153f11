using Recsys.Model.Data;
using Recsys.Model.Evaluation;

namespace Recsys.Model.Tests.Evaluation;

public sealed class CaseMetricsTests
{
    private static readonly string[] Ranked = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];

    [Fact]
    public void Scores_a_hit_at_the_second_rank()
    {
        var metrics = CaseMetrics.Of(Ranked, Case(truth: ["b", "x"], newTruth: ["x"]), 10);

        Assert.Equal(new CaseMetrics(1, 0.5, (1 / Math.Log2(3)) / (1 + 1 / Math.Log2(3)), 0), metrics);
    }

    [Fact]
    public void Caps_the_ideal_dcg_at_k_hits_and_leaves_new_recall_out_without_new_items()
    {
        var truth = Ranked.Concat(["x", "y"]).ToArray();

        var metrics = CaseMetrics.Of(Ranked, Case(truth, newTruth: []), 10);

        Assert.Equal(new CaseMetrics(1, 10.0 / 12, 1, null), metrics);
    }

    [Fact]
    public void Scores_a_miss()
    {
        var metrics = CaseMetrics.Of(Ranked, Case(truth: ["x"], newTruth: ["x"]), 10);

        Assert.Equal(new CaseMetrics(0, 0, 0, 0), metrics);
    }

    private static TestCase Case(string[] truth, string[] newTruth)
    {
        var time = new DateTimeOffset(2011, 9, 2, 0, 0, 0, TimeSpan.Zero);
        var basket = new Basket
        {
            Id = "b",
            Time = time,
            CustomerId = "c",
            Country = null,
            Sequence = 0,
            Lines = truth.Select(item => new BasketLine(item, 1, null)).ToList(),
        };
        var query = new RecommendationQuery("c", null, time, time);
        return new TestCase(basket, query, truth.ToHashSet(), newTruth.ToHashSet());
    }
}
