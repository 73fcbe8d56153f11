namespace Recsys.Model.Evaluation;

/// <summary>How well one ranked list matches one test basket.</summary>
/// <param name="Hit">1 when any item is in the truth, else 0.</param>
/// <param name="Recall">Hits / |truth|.</param>
/// <param name="Ndcg">Binary relevance; the ideal DCG puts min(|truth|, k) hits first.</param>
/// <param name="NewRecall">Recall on the items new to the customer; null when the basket has none.</param>
public readonly record struct CaseMetrics(double Hit, double Recall, double Ndcg, double? NewRecall)
{
    public static CaseMetrics Of(IReadOnlyList<string> ranked, TestCase testCase, int k)
    {
        var hits = 0;
        var newHits = 0;
        var dcg = 0.0;
        for (var rank = 0; rank < ranked.Count; rank++)
        {
            if (testCase.Truth.Contains(ranked[rank]))
            {
                hits++;
                dcg += 1 / Math.Log2(rank + 2);
            }

            if (testCase.NewTruth.Contains(ranked[rank]))
            {
                newHits++;
            }
        }

        var idealDcg = 0.0;
        for (var rank = 0; rank < Math.Min(testCase.Truth.Count, k); rank++)
        {
            idealDcg += 1 / Math.Log2(rank + 2);
        }

        return new CaseMetrics(
            hits > 0 ? 1 : 0,
            (double)hits / testCase.Truth.Count,
            dcg / idealDcg,
            testCase.NewTruth.Count > 0 ? (double)newHits / testCase.NewTruth.Count : null);
    }
}
