using System.Diagnostics;
using Recsys.Model.Data;

namespace Recsys.Model.Evaluation;

/// <summary>Runs protocol OR-NB (EVALUATION.md): split at a cutoff, fit the methods on the history, rank
/// <see cref="K"/> items for each test case, average HR, Recall, NDCG and NewRecall at <see cref="K"/>.</summary>
public static class OfflineEvaluator
{
    public const string Protocol = "OR-NB";

    public const int K = 10;

    /// <summary>The dev split's cutoff T = 2011-09-01 00:00:00.</summary>
    public static DateTimeOffset DevCutoff { get; } = new(2011, 9, 1, 0, 0, 0, TimeSpan.Zero);

    /// <exception cref="InvalidOperationException">There is no test case, or a method returned duplicates
    /// or more than <see cref="K"/> items.</exception>
    public static EvaluationResult Run(IEnumerable<Basket> baskets, DateTimeOffset cutoff,
        IReadOnlyList<IMethodTrainer> trainers, IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var total = Stopwatch.StartNew();
        var wallTimes = new List<StageTiming>();

        progress?.Report(new EvaluationProgress("split", 0, 1));
        var stage = Stopwatch.StartNew();
        var split = EvaluationSplit.Create(baskets, cutoff);
        wallTimes.Add(new StageTiming("split", stage.Elapsed.TotalSeconds));
        progress?.Report(new EvaluationProgress("split", 1, 1));
        if (split.TestCases.Count == 0)
        {
            throw new InvalidOperationException(
                $"no test case: no customer with baskets before {cutoff:u} has one at or after it");
        }

        var methods = new List<IRecommendationMethod>();
        foreach (var trainer in trainers)
        {
            var fitStage = $"fit {trainer.Name}";
            progress?.Report(new EvaluationProgress(fitStage, 0, 1));
            stage.Restart();
            methods.AddRange(trainer.Fit(split, cancellationToken));
            wallTimes.Add(new StageTiming(fitStage, stage.Elapsed.TotalSeconds));
            progress?.Report(new EvaluationProgress(fitStage, 1, 1));
        }

        var results = methods.Select(method => Score(method, split.TestCases, progress, cancellationToken)).ToList();
        wallTimes.Add(new StageTiming("total", total.Elapsed.TotalSeconds));
        return new EvaluationResult
        {
            Cutoff = cutoff,
            Counts = EvaluationCounts.Of(split),
            Methods = results,
            WallTimes = wallTimes,
        };
    }

    private static MethodResult Score(IRecommendationMethod method, IReadOnlyList<TestCase> testCases,
        IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var totals = new MetricTotals();
        var reportEvery = Math.Max(1, testCases.Count / 100);
        for (var i = 0; i < testCases.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ranked = method.Recommend(testCases[i].Query, K);
            CheckRanking(method, ranked);
            totals.Add(CaseMetrics.Of(ranked, testCases[i], K));
            if ((i + 1) % reportEvery == 0 || i + 1 == testCases.Count)
            {
                progress?.Report(new EvaluationProgress(method.Name, i + 1, testCases.Count));
            }
        }

        return totals.ToResult(method.Name, clock.Elapsed.TotalSeconds);
    }

    private static void CheckRanking(IRecommendationMethod method, IReadOnlyList<string> ranked)
    {
        if (ranked.Count > K || ranked.Distinct(StringComparer.Ordinal).Count() != ranked.Count)
        {
            throw new InvalidOperationException(
                $"method {method.Name} must return at most {K} distinct items, returned [{string.Join(", ", ranked)}]");
        }
    }
}
