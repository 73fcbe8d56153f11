using Recsys.Model.Data;

namespace Recsys.Model.Evaluation;

/// <summary>Protocol OR-NB's split at a cutoff T: history = the baskets before T; one test case per
/// customer with history: their first basket at or after T.</summary>
public sealed class EvaluationSplit
{
    private EvaluationSplit(DateTimeOffset cutoff, IReadOnlyList<Basket> baskets, IReadOnlyList<Basket> history,
        IReadOnlyDictionary<string, List<Basket>> historyByCustomer, IReadOnlyList<TestCase> testCases)
    {
        Cutoff = cutoff;
        Baskets = baskets;
        History = history;
        HistoryByCustomer = historyByCustomer;
        TestCases = testCases;
        Items = history.SelectMany(basket => basket.Lines)
            .Select(line => line.ItemId)
            .ToHashSet(StringComparer.Ordinal);
    }

    public DateTimeOffset Cutoff { get; }

    /// <summary>All baskets, chronological.</summary>
    public IReadOnlyList<Basket> Baskets { get; }

    /// <summary>Baskets before the cutoff, chronological.</summary>
    public IReadOnlyList<Basket> History { get; }

    public IReadOnlyDictionary<string, List<Basket>> HistoryByCustomer { get; }

    /// <summary>Chronological.</summary>
    public IReadOnlyList<TestCase> TestCases { get; }

    /// <summary>The items bought in the history: all a method can know.</summary>
    public IReadOnlySet<string> Items { get; }

    public static EvaluationSplit Create(IEnumerable<Basket> baskets, DateTimeOffset cutoff)
    {
        var chronological = baskets.ToList();
        chronological.Sort(Basket.Chronological);
        var history = chronological.Where(basket => basket.Time < cutoff).ToList();
        var historyByCustomer = new Dictionary<string, List<Basket>>(StringComparer.Ordinal);
        foreach (var basket in history)
        {
            Maps.GetOrAdd(historyByCustomer, basket.CustomerId).Add(basket);
        }

        var testCases = new List<TestCase>();
        var tested = new HashSet<string>(StringComparer.Ordinal);
        foreach (var basket in chronological.Where(basket => basket.Time >= cutoff))
        {
            if (historyByCustomer.TryGetValue(basket.CustomerId, out var past) && tested.Add(basket.CustomerId))
            {
                testCases.Add(CreateTestCase(basket, past, cutoff));
            }
        }

        return new EvaluationSplit(cutoff, chronological, history, historyByCustomer, testCases);
    }

    private static TestCase CreateTestCase(Basket basket, List<Basket> past, DateTimeOffset cutoff)
    {
        var truth = basket.Lines.Select(line => line.ItemId).ToHashSet(StringComparer.Ordinal);
        var newTruth = new HashSet<string>(truth, StringComparer.Ordinal);
        newTruth.ExceptWith(past.SelectMany(pastBasket => pastBasket.Lines).Select(line => line.ItemId));
        var query = RecommendationQuery.For(basket, cutoff);
        return new TestCase(basket, query, truth, newTruth);
    }
}
