using Recsys.Model.Data;
using Recsys.Model.Evaluation;
using Recsys.Model.Tests.Support;
using Xunit.Abstractions;

namespace Recsys.Model.Tests.Evaluation;

/// <summary>The baselines on the shared data's dev split must reproduce the table of EVALUATION.md.</summary>
[Collection(OnlineRetailCollection.Name)]
public sealed class DevSplitTests(OnlineRetailFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string, double, double, double, double> Table => new()
    {
        { "POP", 0.4238, 0.0389, 0.0920, 0.0181 },
        { "POP-COUNTRY", 0.4435, 0.0415, 0.1021, 0.0181 },
        { "REPEAT", 0.7278, 0.1585, 0.2890, 0.0013 },
        { "ITEMKNN", 0.5796, 0.0960, 0.1895, 0.0287 },
        { "REPEAT+KNN", 0.7014, 0.1564, 0.2770, 0.0040 },
    };

    [SkippableFact]
    public void Reproduces_the_counts_of_the_reference()
    {
        var data = fixture.Data;
        var result = DevSplitResult();

        Assert.Equal(new ImportStats(Files: 271, RawRows: 431_673, KeptRows: 314_794, BadRows: 0, Events: 308_059,
            Baskets: 14_984), data.Stats);
        Assert.Equal(new EvaluationCounts
        {
            Events = 308_059,
            Baskets = 14_984,
            HistoryBaskets = 11_342,
            HistoryCustomers = 3_314,
            Items = 3_388,
            MeanHistoryBasketSize = result.Counts.MeanHistoryBasketSize,
            TestCases = 1_477,
            MeanTestBasketSize = result.Counts.MeanTestBasketSize,
            GroundTruthItems = 37_488,
            GroundTruthItemsUnseen = 2_617,
            NewItemCases = 1_365,
        }, result.Counts);
        Assert.Equal(19.49, result.Counts.MeanHistoryBasketSize, 0.005);
        Assert.Equal(25.38, result.Counts.MeanTestBasketSize, 0.005);
    }

    [SkippableTheory]
    [MemberData(nameof(Table))]
    public void Reproduces_the_metrics_of_the_reference(string method, double hitRate, double recall, double ndcg,
        double newRecall)
    {
        // Within rounding of the table's four printed decimals, which is stricter than three decimals.
        const double Tolerance = 0.00005;
        var result = DevSplitResult().Method(method);

        Assert.Equal(hitRate, result.HitRate, Tolerance);
        Assert.Equal(recall, result.Recall, Tolerance);
        Assert.Equal(ndcg, result.Ndcg, Tolerance);
        Assert.Equal(newRecall, result.NewRecall!.Value, Tolerance);
    }

    [SkippableFact]
    public void Runs_in_seconds()
    {
        var result = DevSplitResult();
        foreach (var method in result.Methods)
        {
            output.WriteLine($"{method.Name,-12} {method.HitRate:F4} {method.Recall:F4} {method.Ndcg:F4} "
                + $"{method.NewRecall:F4} {method.Seconds:F2} s");
        }

        output.WriteLine(string.Join(", ", result.WallTimes.Select(timing => $"{timing.Stage} {timing.Seconds:F2} s")));
        Assert.InRange(result.WallTimes.Single(timing => timing.Stage == "total").Seconds, 0, 60);
    }

    private EvaluationResult DevSplitResult()
    {
        _ = fixture.Data;
        return fixture.DevSplitResult.Value;
    }
}
