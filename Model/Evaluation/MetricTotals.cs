namespace Recsys.Model.Evaluation;

/// <summary>Sums of <see cref="CaseMetrics"/> over the test cases of one method.</summary>
internal sealed class MetricTotals
{
    private double hits;
    private double recall;
    private double ndcg;
    private double newRecall;
    private int cases;
    private int newItemCases;

    public void Add(CaseMetrics metrics)
    {
        hits += metrics.Hit;
        recall += metrics.Recall;
        ndcg += metrics.Ndcg;
        cases++;
        if (metrics.NewRecall is { } value)
        {
            newRecall += value;
            newItemCases++;
        }
    }

    public MethodResult ToResult(string name, double seconds) => new()
    {
        Name = name,
        HitRate = hits / cases,
        Recall = recall / cases,
        Ndcg = ndcg / cases,
        NewRecall = newItemCases > 0 ? newRecall / newItemCases : null,
        Seconds = seconds,
    };
}
