using Recsys.Model.Evaluation;
using Recsys.Model.Ranking;

namespace Recsys.Model.Tests.Ranking;

public sealed class CaseRecencyTests
{
    private static readonly DateTimeOffset LatestCut = new(2011, 8, 25, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Weights_fall_with_the_age_of_the_cut_and_average_one()
    {
        var trainingSet = Cases(cutAges: [0, 30, 60], casesPerCut: 2, label: (_, _) => 0);

        var weights = trainingSet.RecencyWeights(recencyDays: 30);

        Assert.Equal(1.0, weights.Average(), 5);
        Assert.Equal(weights[0], weights[1]);
        Assert.Equal(Math.Exp(-1), weights[2] / weights[0], 5);
        Assert.Equal(Math.Exp(-2), weights[4] / weights[0], 5);
    }

    [Fact]
    public void Infinite_recency_weighs_every_case_alike_and_a_non_positive_one_is_refused()
    {
        var trainingSet = Cases(cutAges: [0, 100], casesPerCut: 2, label: (_, _) => 0);

        Assert.All(trainingSet.RecencyWeights(double.PositiveInfinity), weight => Assert.Equal(1f, weight));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainingSet.RecencyWeights(0));
        Assert.Contains("recency", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => trainingSet.RecencyWeights(double.NaN));
    }

    [Fact]
    public void A_scorer_weighting_recent_cases_follows_a_habit_that_changed()
    {
        // Old cases: the customer buys candidates with a high repeat score; the recent cut: those with a low one.
        var trainingSet = Cases(cutAges: [0, 70, 140, 210], casesPerCut: 40,
            label: (cutAge, repeatScore) => (cutAge == 0) == (repeatScore < 0) ? 1 : 0);
        var options = new ScorerOptions { HiddenUnits = 0, Epochs = 8, ItemBiases = false };

        var uniform = ScorerTrainer.Train(trainingSet, options with { CaseRecencyDays = double.PositiveInfinity }, "uniform");
        var recent = ScorerTrainer.Train(trainingSet, options with { CaseRecencyDays = 7 }, "recent");

        Assert.True(Slope(uniform) > 0, $"uniform weights follow the old majority (slope {Slope(uniform)})");
        Assert.True(Slope(recent) < 0, $"recency weights follow the latest cut (slope {Slope(recent)})");
    }

    /// <summary>Score of a high repeat score minus that of a low one.</summary>
    private static float Slope(RankingNetwork network) => Score(network, 1) - Score(network, -1);

    private static float Score(RankingNetwork network, float repeatScore)
    {
        var features = new float[RankingFeatures.Count];
        features[(int)RankingFeature.RepeatDecay90Days] = repeatScore;
        return network.Score(features, "item");
    }

    /// <summary>Cases cut <paramref name="cutAges"/> days before the latest cut, each with ten candidates whose
    /// repeat score runs from −1 to 1, labelled by <paramref name="label"/>(cut age, repeat score).</summary>
    private static TrainingSet Cases(int[] cutAges, int casesPerCut, Func<int, float, int> label)
    {
        const int CandidatesPerCase = 10;
        var features = new List<float>();
        var labels = new List<float>();
        var caseNumbers = new List<int>();
        var queries = new List<RecommendationQuery>();
        var cuts = cutAges.Select(age => LatestCut.AddDays(-age)).OrderBy(cut => cut).ToList();
        foreach (var age in cutAges)
        {
            var cut = LatestCut.AddDays(-age);
            for (var c = 0; c < casesPerCut; c++)
            {
                queries.Add(new RecommendationQuery($"customer{c}", "United Kingdom", cut.AddDays(1), cut));
                for (var candidate = 0; candidate < CandidatesPerCase; candidate++)
                {
                    var repeatScore = -1 + 2f * candidate / (CandidatesPerCase - 1);
                    var row = new float[RankingFeatures.Count];
                    row[(int)RankingFeature.RepeatDecay90Days] = repeatScore;
                    features.AddRange(row);
                    labels.Add(label(age, repeatScore));
                    caseNumbers.Add(queries.Count - 1);
                }
            }
        }

        var rows = labels.Count;
        return new TrainingSet([.. features], [.. labels], new float[rows], [.. caseNumbers.Select(c => queries[c].CustomerId)],
            Enumerable.Repeat("item", rows).ToArray(), [.. caseNumbers], cuts, queries);
    }
}
