namespace Recsys.Model.Evaluation;

/// <summary>The size of an evaluation's data and split.</summary>
public sealed record EvaluationCounts
{
    /// <summary>Distinct (basket, item) pairs in all baskets.</summary>
    public required int Events { get; init; }

    public required int Baskets { get; init; }

    public required int HistoryBaskets { get; init; }

    public required int HistoryCustomers { get; init; }

    /// <summary>Items bought in the history.</summary>
    public required int Items { get; init; }

    public required double MeanHistoryBasketSize { get; init; }

    public required int TestCases { get; init; }

    public required double MeanTestBasketSize { get; init; }

    /// <summary>Distinct items of the test baskets, summed over the cases.</summary>
    public required int GroundTruthItems { get; init; }

    /// <summary>Ground-truth items never bought in the history: no method can find them.</summary>
    public required int GroundTruthItemsUnseen { get; init; }

    /// <summary>Cases with at least one item new to the customer (the NewRecall denominator).</summary>
    public required int NewItemCases { get; init; }

    public static EvaluationCounts Of(EvaluationSplit split)
    {
        var historyLines = split.History.Sum(basket => basket.Lines.Count);
        var groundTruthItems = split.TestCases.Sum(testCase => testCase.Truth.Count);
        return new EvaluationCounts
        {
            Events = split.Baskets.Sum(basket => basket.Lines.Count),
            Baskets = split.Baskets.Count,
            HistoryBaskets = split.History.Count,
            HistoryCustomers = split.HistoryByCustomer.Count,
            Items = split.Items.Count,
            MeanHistoryBasketSize = split.History.Count > 0 ? (double)historyLines / split.History.Count : 0,
            TestCases = split.TestCases.Count,
            MeanTestBasketSize = split.TestCases.Count > 0 ? (double)groundTruthItems / split.TestCases.Count : 0,
            GroundTruthItems = groundTruthItems,
            GroundTruthItemsUnseen =
                split.TestCases.Sum(testCase => testCase.Truth.Count(item => !split.Items.Contains(item))),
            NewItemCases = split.TestCases.Count(testCase => testCase.NewTruth.Count > 0),
        };
    }
}
