using System.Globalization;
using Recsys.Model.Evaluation;
using Recsys.Model.Ranking;
using Recsys.Model.Recommender;

namespace Recsys.Ranking.Evaluation;

/// <summary>What a fitted scorer of candidates (the learned ranker, the sequence recommender) does on the test
/// cases beyond its metrics: how many of the truth items its candidates hold, how NDCG trades against NewRecall
/// as the explore weight grows, and how much each feature matters. For choosing designs on a validation cutoff.
/// </summary>
internal static class Diagnostics
{
    public static IReadOnlyList<double> SweptExploreWeights { get; } = [0, 0.25, 0.5, 1, 1.25, 1.5, 1.75, 2, 3, 4, 6, 8];

    public static void CandidateRecall(CandidateScorer method, EvaluationSplit split)
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
    public static void ExploreSweep(CandidateScorer method, EvaluationSplit split)
    {
        var cases = Score(method, split);
        Print($"{method.Name}: explore weight sweep");
        foreach (var weight in SweptExploreWeights)
        {
            var (ndcg, newRecall) = MeanMetrics(method.History, cases, weight);
            Print($"  λ = {weight,4}: NDCG@10 {ndcg:0.0000}, NewRecall@10 {newRecall:0.0000}");
        }
    }

    /// <summary>How much better the scorer would have to rank to meet a NewRecall target at a higher NDCG: the
    /// NDCG at <paramref name="targetNewRecall"/> (the explore weight found by bisection) when the logit of every
    /// bought candidate new to the customer, or of every bought own item, is raised by δ. An oracle (it reads the
    /// test baskets): it measures headroom, it is not a method.</summary>
    public static void Headroom(CandidateScorer method, EvaluationSplit split, double targetNewRecall)
    {
        var cases = Score(method, split);
        Print($"{method.Name}: NDCG@10 at NewRecall@10 {targetNewRecall:0.0000} if bought items scored δ higher (oracle)");
        Print($"  as scored: {NdcgAt(cases):0.0000}");
        var bought = cases.ConvertAll(x =>
        {
            var isNew = LearnedRankMethod.IsNew(x.Candidates);
            return Enumerable.Range(0, x.Candidates.Count)
                .Where(c => x.TestCase.Truth.Contains(x.Candidates.ItemIds[c]))
                .Select(c => (Candidate: c, IsNew: isNew[c]))
                .ToList();
        });
        foreach (var raiseNew in (bool[])[true, false])
        {
            foreach (var delta in (double[])[0.1, 0.25, 0.5])
            {
                var raised = cases.Select((x, i) =>
                {
                    var logits = (float[])x.Logits.Clone();
                    foreach (var (candidate, _) in bought[i].Where(b => b.IsNew == raiseNew))
                    {
                        logits[candidate] += (float)delta;
                    }

                    return (x.TestCase, x.Candidates, logits);
                }).ToList();
                Print($"  {(raiseNew ? "new" : "own")} items +{delta:0.00}: {NdcgAt(raised):0.0000}");
            }
        }

        double NdcgAt(List<(TestCase TestCase, RankingCandidates Candidates, float[] Logits)> scored)
        {
            var (low, high) = (0.0, 8.0);
            for (var step = 0; step < 14; step++)
            {
                var middle = (low + high) / 2;
                if (MeanMetrics(method.History, scored, middle).NewRecall >= targetNewRecall)
                {
                    high = middle;
                }
                else
                {
                    low = middle;
                }
            }

            return MeanMetrics(method.History, scored, high).Ndcg;
        }
    }

    private static (double Ndcg, double NewRecall) MeanMetrics(PurchaseHistory history,
        List<(TestCase TestCase, RankingCandidates Candidates, float[] Logits)> cases, double exploreWeight)
    {
        var (ndcg, newRecall) = (0.0, 0.0);
        foreach (var (testCase, candidates, logits) in cases)
        {
            var metrics = Measure(history, testCase, candidates, logits, exploreWeight);
            ndcg += metrics.Ndcg;
            newRecall += metrics.NewRecall ?? 0;
        }

        return (ndcg / cases.Count, newRecall / cases.Count(x => x.TestCase.NewTruth.Count > 0));
    }

    /// <summary>The change of NDCG (ranking by probability) when one feature is replaced by its training
    /// mean.</summary>
    public static void FeatureImportance(LearnedRankMethod method, EvaluationSplit split)
    {
        var cases = Score(CandidateScorer.Of(method), split);
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

                total += Measure(method.History, testCase, candidates, logits, 0).Ndcg;
            }

            return total / cases.Count;
        }
    }

    private static CaseMetrics Measure(PurchaseHistory history, TestCase testCase, RankingCandidates candidates,
        float[] logits, double exploreWeight)
    {
        var selected = ExploreMix.Select(logits, LearnedRankMethod.IsNew(candidates), OfflineEvaluator.K, exploreWeight,
            LearnedRankMethod.TieBreak(history, candidates));
        return CaseMetrics.Of(selected.ConvertAll(c => candidates.ItemIds[c]), testCase, OfflineEvaluator.K);
    }

    private static List<(TestCase TestCase, RankingCandidates Candidates, float[] Logits)> Score(
        CandidateScorer method, EvaluationSplit split) =>
        split.TestCases.Select(testCase =>
        {
            var candidates = RankingCandidates.Create(method.History, testCase.Query);
            return (testCase, candidates, method.Logits(candidates));
        }).ToList();

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}

/// <summary>A method that ranks <see cref="RankingCandidates"/> by calibrated logits.</summary>
internal sealed record CandidateScorer(string Name, PurchaseHistory History, Func<RankingCandidates, float[]> Logits)
{
    public static CandidateScorer Of(LearnedRankMethod method) => new(method.Name, method.History, method.Logits);

    public static CandidateScorer Of(SequenceRecommendMethod method) => new(method.Name, method.History, method.Logits);
}
