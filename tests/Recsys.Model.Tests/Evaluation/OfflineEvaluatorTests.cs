using Recsys.Model.Data;
using Recsys.Model.Evaluation;
using Recsys.Model.Tests.Support;

namespace Recsys.Model.Tests.Evaluation;

public sealed class OfflineEvaluatorTests
{
    private static readonly DateTimeOffset Cutoff = Moments.September2011;

    /// <summary>History: c1 {A, B} and c2 {A, C} in the last 30 days, c3 {D} before; after the cutoff c1
    /// buys {C} then {A}, c2 {B, E}, c4 (no history) {A}.</summary>
    private static readonly Basket[] Baskets =
    [
        Basket("b1", "c1", -10, "A", "B"),
        Basket("b2", "c2", -5, "A", "C"),
        Basket("b3", "c3", -40, "D"),
        Basket("t1", "c1", 1, "C"),
        Basket("t2", "c2", 2, "B", "E"),
        Basket("t3", "c1", 3, "A"),
        Basket("t4", "c4", 1, "A"),
    ];

    [Fact]
    public void Splits_into_history_and_one_test_case_per_returning_customer()
    {
        var split = EvaluationSplit.Create(Baskets.Reverse(), Cutoff);

        Assert.Equal(["b3", "b1", "b2"], split.History.Select(basket => basket.Id));
        Assert.Equal(["t1", "t2"], split.TestCases.Select(testCase => testCase.Basket.Id));
        Assert.Equal(["B", "E"], split.TestCases[1].NewTruth.Order());
        Assert.Equal(new RecommendationQuery("c2", "UK", Cutoff.AddDays(2), Cutoff), split.TestCases[1].Query);
        Assert.Equal(["A", "B", "C", "D"], split.Items.Order());
    }

    [Fact]
    public void Averages_the_metrics_of_each_method_over_the_test_cases()
    {
        var progress = new List<EvaluationProgress>();

        var result = OfflineEvaluator.Run(Baskets, Cutoff, [new BaselineTrainer(), Empty()],
            new SynchronousProgress<EvaluationProgress>(progress.Add));

        // POP ranks A (2 recent baskets), B, C (1 each: id order), D: c1 finds C at rank 3, c2 finds B at rank 2.
        var pop = result.Method("POP");
        var secondRankNdcg = 1 / Math.Log2(3) / (1 + 1 / Math.Log2(3));
        Assert.Equal((1.0, 0.75, 0.75), (pop.HitRate, pop.Recall, pop.NewRecall));
        Assert.Equal((1 / Math.Log2(4) + secondRankNdcg) / 2, pop.Ndcg, 1e-15);
        Assert.Equal([.. BaselineTrainer.MethodNames, "EMPTY"], result.Methods.Select(method => method.Name));
        Assert.Equal(new MethodResult { Name = "EMPTY", HitRate = 0, Recall = 0, Ndcg = 0, NewRecall = 0, Seconds = 0 },
            result.Method("EMPTY") with { Seconds = 0 });
        Assert.Equal(new EvaluationCounts
        {
            Events = 10,
            Baskets = 7,
            HistoryBaskets = 3,
            HistoryCustomers = 3,
            Items = 4,
            MeanHistoryBasketSize = 5.0 / 3,
            TestCases = 2,
            MeanTestBasketSize = 1.5,
            GroundTruthItems = 3,
            GroundTruthItemsUnseen = 1,
            NewItemCases = 2,
        }, result.Counts);
        Assert.Equal(["split", "fit baselines", "fit empty", "total"], result.WallTimes.Select(timing => timing.Stage));
        Assert.Contains(new EvaluationProgress("REPEAT+KNN", 2, 2), progress);
    }

    [Fact]
    public void Writes_json_with_the_metric_keys_of_the_protocol()
    {
        var json = OfflineEvaluator.Run(Baskets, Cutoff, [Empty()]).ToJson();

        Assert.Contains("\"protocol\": \"OR-NB\"", json);
        Assert.Contains("""
                  "name": "EMPTY",
                  "hr@10": 0,
                  "recall@10": 0,
                  "ndcg@10": 0,
                  "new_recall@10": 0,
            """, json);
        Assert.Contains("\"groundTruthItemsUnseen\": 1", json);
    }

    [Fact]
    public void Refuses_rankings_with_duplicates_and_splits_without_test_cases()
    {
        var duplicates = new SingleMethodTrainer("duplicates", new DelegateMethod("DUP", (_, _) => ["A", "A"]));

        Assert.Throws<InvalidOperationException>(() => OfflineEvaluator.Run(Baskets, Cutoff, [duplicates]));
        Assert.Throws<InvalidOperationException>(() => OfflineEvaluator.Run(Baskets, Cutoff.AddYears(1), [Empty()]));
    }

    private static Basket Basket(string id, string customer, int day, params string[] items) => new()
    {
        Id = id,
        Time = Cutoff.AddDays(day),
        CustomerId = customer,
        Country = "UK",
        Sequence = int.Parse(id[1..]) + (id[0] == 't' ? 100 : 0),
        Lines = items.Select(item => new BasketLine(item, 1, 1.0)).ToList(),
    };

    private static IMethodTrainer Empty() =>
        new SingleMethodTrainer("empty", new DelegateMethod("EMPTY", (_, _) => []));

    private sealed class SingleMethodTrainer(string name, IRecommendationMethod method) : IMethodTrainer
    {
        public string Name => name;

        public IReadOnlyList<IRecommendationMethod> Fit(EvaluationSplit split, CancellationToken cancellationToken) =>
            [method];
    }
}
