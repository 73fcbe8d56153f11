using System.Globalization;
using Recsys.Model.Evaluation;
using Recsys.Model.Ranking;

namespace Recsys.Ranking.Evaluation;

/// <summary>What a fitted learned ranker does on the test cases beyond its metrics: how many of the truth
/// items its candidates hold, how NDCG trades against NewRecall as the explore weight grows, and how much
/// each feature matters. For choosing designs on a validation cutoff, not for reporting on the dev split.</summary>
internal static class Diagnostics
{
    public static IReadOnlyList<double> SweptExploreWeights { get; } = [0, 0.25, 0.5, 1, 2, 3, 4, 6, 8];

    public static void CandidateRecall(LearnedRankMethod method, EvaluationSplit split)
    {
        var cases = Score(method, split);
        var recall = cases.Average(x =>
            (double)x.Candidates.ItemIds.Count(x.TestCase.Truth.Contains) / x.TestCase.Truth.Count);
        var withNew = cases.Where(x => x.TestCase.NewTruth.Count > 0).ToList();
        var newRecall = withNew.Average(x =>
            (double)x.Candidates.ItemIds.Count(x.TestCase.NewTruth.Contains) / x.TestCase.NewTruth.Count);
        var perCase = cases.Average(x => x.Candidates.Count);
        Print($"candidates: {perCase:0} per case, holding {recall:0.000} of the truth, {newRecall:0.000} of new items");
    }

    /// <summary>NDCG and NewRecall at each of <see cref="SweptExploreWeights"/>.</summary>
    public static void ExploreSweep(LearnedRankMethod method, EvaluationSplit split)
    {
        var cases = Score(method, split);
        Print($"{method.Name}: explore weight sweep");
        foreach (var weight in SweptExploreWeights)
        {
            var totals = new double[2];
            foreach (var (testCase, candidates, logits) in cases)
            {
                var metrics = Measure(method, testCase, candidates, logits, weight);
                totals[0] += metrics.Ndcg;
                totals[1] += metrics.NewRecall ?? 0;
            }

            var newItemCases = cases.Count(x => x.TestCase.NewTruth.Count > 0);
            var (ndcg, newRecall) = (totals[0] / cases.Count, totals[1] / newItemCases);
            Print($"  λ = {weight,4}: NDCG@10 {ndcg:0.0000}, NewRecall@10 {newRecall:0.0000}");
        }
    }

    /// <summary>The change of NDCG (ranking by probability) when one feature is replaced by its training
    /// mean.</summary>
    public static void FeatureImportance(LearnedRankMethod method, EvaluationSplit split)
    {
        var cases = Score(method, split);
        var baseline = MeanNdcg(null);
        Print($"{method.Name}: NDCG@10 {baseline:0.0000}; change when a feature is replaced by its mean:");
        for (var feature = 0; feature < RankingFeatures.Count; feature++)
        {
            Print($"  {RankingFeatures.Names[feature],-36} {MeanNdcg(feature) - baseline:+0.0000;-0.0000;0.0000}");
        }

        double MeanNdcg(int? blanked)
        {
            var total = 0.0;
            var row = new float[RankingFeatures.Count];
            foreach (var (testCase, candidates, _) in cases)
            {
                var logits = new float[candidates.Count];
                for (var c = 0; c < candidates.Count; c++)
                {
                    candidates.FeaturesOf(c).CopyTo(row);
                    if (blanked is { } feature)
                    {
                        row[feature] = method.Network.Mean(feature);
                    }

                    logits[c] = method.Network.Score(row, candidates.ItemIds[c]);
                }

                total += Measure(method, testCase, candidates, logits, 0).Ndcg;
            }

            return total / cases.Count;
        }
    }

    private static CaseMetrics Measure(LearnedRankMethod method, TestCase testCase, RankingCandidates candidates,
        float[] logits, double exploreWeight)
    {
        var selected = ExploreMix.Select(logits, LearnedRankMethod.IsNew(candidates), OfflineEvaluator.K, exploreWeight,
            LearnedRankMethod.TieBreak(method.History, candidates));
        return CaseMetrics.Of(selected.ConvertAll(c => candidates.ItemIds[c]), testCase, OfflineEvaluator.K);
    }

    private static List<(TestCase TestCase, RankingCandidates Candidates, float[] Logits)> Score(
        LearnedRankMethod method, EvaluationSplit split) =>
        split.TestCases.Select(testCase =>
        {
            var candidates = RankingCandidates.Create(method.History, testCase.Query);
            return (testCase, candidates, method.Logits(candidates));
        }).ToList();

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
