using System.Globalization;
using Recsys.Model.Evaluation;
using Recsys.Model.Ranking;

/// <summary>Diagnostics of a fitted learned ranker on the test cases: candidate recall and the effect of
/// an explore bonus.</summary>
internal static class Analysis
{
    public static void ExploreOnly(TrainingSet set, PurchaseHistory history, EvaluationSplit split)
    {
        var rows = Enumerable.Range(0, set.RowCount).Where(r => set.FeaturesOf(r)[(int)RankingFeature.IsRepeat] == 0).ToArray();
        var exploreSet = new TrainingSet(rows.SelectMany(r => set.FeaturesOf(r).ToArray()).ToArray(), rows.Select(r => set.Labels[r]).ToArray(),
            rows.Select(r => set.CustomerIds[r]).ToArray(), rows.Select(r => set.ItemIds[r]).ToArray(), rows.Select(r => set.CaseNumbers[r]).ToArray(), set.Cuts);
        Console.WriteLine($"explore rows {rows.Length}, positives {rows.Count(r => set.Labels[r] > 0)}");
        foreach (var (hidden, epochs) in new[] { (32, 4), (64, 8) })
        {
            var network = ScorerTrainer.Train(exploreSet, new ScorerOptions { HiddenUnits = hidden, Epochs = epochs }, "explore");
            var method = new LearnedRankMethod($"explore-{hidden}-{epochs}", history, network);
            Run(method, split);
        }
    }

    /// <summary>NDCG and explore-only NewRecall drop when one feature is replaced by its training mean.</summary>
    public static void Importance(LearnedRankMethod method, EvaluationSplit split)
    {
        var cases = split.TestCases.Select(testCase => (testCase, candidates: RankingCandidates.Create(method.History, testCase.Query))).ToList();
        (double Ndcg, double NewRecall) Measure(int? blanked)
        {
            double ndcg = 0, newRecall = 0;
            var withNew = 0;
            var row = new float[RankingFeatures.Count];
            foreach (var (testCase, candidates) in cases)
            {
                var scores = new float[candidates.Count];
                for (var c = 0; c < candidates.Count; c++)
                {
                    candidates.FeaturesOf(c).CopyTo(row);
                    if (blanked is { } f) row[f] = method.Network.Mean(f);
                    scores[c] = method.Network.Score(row, candidates.ItemIds[c]);
                }

                var all = Enumerable.Range(0, candidates.Count).OrderByDescending(c => scores[c]).Take(10).Select(c => candidates.ItemIds[c]).ToList();
                ndcg += CaseMetrics.Of(all, testCase, 10).Ndcg;
                var explore = Enumerable.Range(0, candidates.Count).Where(c => !candidates.Sources[c].HasFlag(CandidateSources.Repeat))
                    .OrderByDescending(c => scores[c]).Take(10).Select(c => candidates.ItemIds[c]).ToList();
                if (CaseMetrics.Of(explore, testCase, 10).NewRecall is { } r) { newRecall += r; withNew++; }
            }

            return (ndcg / cases.Count, newRecall / withNew);
        }

        var (baseNdcg, baseNew) = Measure(null);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"importance: NDCG {baseNdcg:0.0000}, explore-only NewRecall {baseNew:0.0000}"));
        for (var f = 0; f < RankingFeatures.Count; f++)
        {
            var (ndcg, newRecall) = Measure(f);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {RankingFeatures.Names[f],-36} NDCG {ndcg - baseNdcg:+0.0000;-0.0000}  NewRecall {newRecall - baseNew:+0.0000;-0.0000}"));
        }
    }

    public static void Run(LearnedRankMethod method, EvaluationSplit split)
    {
        var cases = split.TestCases.Select(testCase =>
        {
            var candidates = RankingCandidates.Create(method.History, testCase.Query);
            var scores = Enumerable.Range(0, candidates.Count).Select(c => method.Network.Score(candidates.FeaturesOf(c), candidates.ItemIds[c])).ToArray();
            return (testCase, candidates, scores);
        }).ToList();
        var oracleNew = 0;
        var recall = cases.Average(x => (double)x.candidates.ItemIds.Count(x.testCase.Truth.Contains) / x.testCase.Truth.Count);
        var withNew = cases.Where(x => x.testCase.NewTruth.Count > 0).ToList();
        var newRecall = withNew.Average(x => (double)x.candidates.ItemIds.Count(x.testCase.NewTruth.Contains) / x.testCase.NewTruth.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{method.Name}: candidates {cases.Average(x => x.candidates.Count):0} per case, recall {recall:0.000}, new-item recall {newRecall:0.000}"));
        void Report(string policy, Func<RankingCandidates, float[], IEnumerable<int>> rank)
        {
            double ndcg = 0, newR = 0;
            foreach (var (testCase, candidates, scores) in cases)
            {
                oracleNew = testCase.NewTruth.Count;
                var ranked = rank(candidates, scores).Take(10).OrderByDescending(c => scores[c]).Select(c => candidates.ItemIds[c]).ToList();
                var metrics = CaseMetrics.Of(ranked, testCase, 10);
                ndcg += metrics.Ndcg;
                newR += metrics.NewRecall ?? 0;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {policy}: NDCG {ndcg / cases.Count:0.0000} NewRecall {newR / withNew.Count:0.0000}"));
        }

        var groups = new SortedDictionary<string, double[]>();
        foreach (var (testCase, candidates, scores) in cases)
        {
            List<string> Rank(double bonus) => Enumerable.Range(0, candidates.Count)
                .OrderByDescending(c => scores[c] + (Explore(candidates, c) ? bonus : 0)).Take(10)
                .OrderByDescending(c => scores[c]).Select(c => candidates.ItemIds[c]).ToList();
            var before = CaseMetrics.Of(Rank(0), testCase, 10);
            var after = CaseMetrics.Of(Rank(2), testCase, 10);
            var newCount = testCase.NewTruth.Count;
            var baskets = (int)Math.Round(Math.Exp(candidates.Count > 0 ? candidates.Feature(0, RankingFeature.CustomerBaskets) : 0) - 1);
            foreach (var key in new[] { $"new {(newCount == 0 ? "0" : newCount <= 4 ? "1-4" : newCount <= 11 ? "5-11" : newCount <= 21 ? "12-21" : "22+")}",
                                        $"baskets {(baskets <= 1 ? "1" : baskets <= 3 ? "2-3" : baskets <= 8 ? "4-8" : "9+")}" })
            {
                if (!groups.TryGetValue(key, out var g)) groups[key] = g = new double[5];
                g[0]++; g[1] += before.Ndcg; g[2] += after.Ndcg; g[3] += before.NewRecall ?? 0; g[4] += after.NewRecall ?? 0;
            }
        }

        foreach (var (key, g) in groups)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {key}: cases {g[0]}, NDCG {g[1] / g[0]:0.000} -> {g[2] / g[0]:0.000} (sum loss {g[1] - g[2]:0.0}), NewRecall sum {g[3]:0.0} -> {g[4]:0.0}"));
        }

        static bool Explore(RankingCandidates candidates, int c) => !candidates.Sources[c].HasFlag(CandidateSources.Repeat);
        foreach (var bonus in new[] { -100, 0.0, 1, 1.5, 2, 100 })
        {
            Report($"bonus {bonus}", (candidates, scores) => Enumerable.Range(0, candidates.Count)
                .OrderByDescending(c => scores[c] + (Explore(candidates, c) ? bonus : 0)));
        }

        foreach (var quota in new int[] { })
        {
            Report($"quota {quota}", (candidates, scores) =>
            {
                var byScore = Enumerable.Range(0, candidates.Count).OrderByDescending(c => scores[c]).ToList();
                var top = byScore.Take(10 - quota).ToList();
                var explore = byScore.Where(c => Explore(candidates, c) && !top.Contains(c)).Take(10 - top.Count - 0);
                return top.Concat(explore);
            });
        }

        foreach (var lambda in new[] { 4, 8, 16 })
        {
            Report($"new-size lambda {lambda}", (candidates, scores) =>
            {
                if (candidates.Count == 0)
                {
                    return [];
                }

                var basketSize = Math.Exp(candidates.Feature(0, RankingFeature.CustomerMeanBasketSize)) - 1;
                var repeatRatio = candidates.Feature(0, RankingFeature.CustomerRepeatRatio);
                var expectedNew = Math.Max(1, basketSize * (1 - repeatRatio));
                var idealDcg = Enumerable.Range(0, (int)Math.Clamp(Math.Round(basketSize), 1, 10)).Sum(r => 1 / Math.Log2(r + 2));
                var bonus = Math.Log(1 + lambda * idealDcg / expectedNew);
                return Enumerable.Range(0, candidates.Count)
                    .OrderByDescending(c => scores[c] + (Explore(candidates, c) ? bonus : 0));
            });
        }

        foreach (var lambda in new[] { 0.5, 1, 2, 4, 8 })
        {
            Report($"expected-value lambda {lambda}", (candidates, scores) =>
            {
                var shift = Math.Log(50.0 / Math.Max(51, candidates.Count - 10));
                var p = scores.Select(x => 1 / (1 + Math.Exp(-(x + shift)))).ToArray();
                var expectedNew = Math.Max(1, Enumerable.Range(0, candidates.Count).Where(c => Explore(candidates, c)).Sum(c => p[c]) / 0.32);
                var expectedTruth = Math.Max(1, p.Sum() / 0.55);
                var idealDcg = Enumerable.Range(0, (int)Math.Clamp(Math.Round(expectedTruth), 1, 10)).Sum(r => 1 / Math.Log2(r + 2));
                var bonus = Math.Log(1 + lambda * idealDcg / (0.45 * expectedNew));
                return Enumerable.Range(0, candidates.Count)
                    .OrderByDescending(c => scores[c] + (Explore(candidates, c) ? bonus : 0));
            });
        }

        foreach (var lambda in new double[] { })
        {
            Report($"oracle-new lambda {lambda}", (candidates, scores) =>
            {
                var bonus = Math.Log(1 + lambda / Math.Max(1, oracleNew));
                return Enumerable.Range(0, candidates.Count)
                    .OrderByDescending(c => scores[c] + (Explore(candidates, c) ? bonus * 3 : 0));
            });
        }

        foreach (var lambda in new double[] { })
        {
            Report($"lambda {lambda}", (candidates, scores) =>
            {
                var exploreMass = Enumerable.Range(0, candidates.Count).Where(c => Explore(candidates, c))
                    .Sum(c => (double)ScorerTrainer.Sigmoid(scores[c]));
                var bonus = Math.Log(1 + lambda / Math.Max(exploreMass, 1e-3));
                return Enumerable.Range(0, candidates.Count)
                    .OrderByDescending(c => scores[c] + (Explore(candidates, c) ? bonus : 0));
            });
        }
    }
}
