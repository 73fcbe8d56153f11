using Recsys.Model.Evaluation;
using Recsys.Model.Ranking;

namespace Recsys.Model.Tests.Ranking;

public sealed class DeterminismTests
{
    private static readonly RankingOptions Options = SyntheticShop.Options;
    private static readonly ScorerOptions Scorer = new() { HiddenUnits = 8, Epochs = 2 };
    private static readonly DateTimeOffset Cutoff = SyntheticShop.Start.AddDays(150);

    [Fact]
    public void The_same_seed_gives_the_same_training_set_weights_and_rankings()
    {
        var first = Fit(Scorer);
        var second = Fit(Scorer);

        Assert.Equal(first.TrainingSet.Features, second.TrainingSet.Features);
        Assert.Equal(first.TrainingSet.Labels, second.TrainingSet.Labels);
        Assert.Equal(first.Method.Network.Parameters, second.Method.Network.Parameters);
        foreach (var query in Queries())
        {
            Assert.Equal(first.Method.Recommend(query, 10), second.Method.Recommend(query, 10));
            var candidates = RankingCandidates.Create(first.Method.History, query);
            Assert.Equal(first.Method.Logits(candidates), second.Method.Logits(candidates));
        }
    }

    [Fact]
    public void Another_seed_gives_other_weights()
    {
        var reseeded = Fit(Scorer with { Seed = 18 });
        Assert.NotEqual(Fit(Scorer).Method.Network.Parameters, reseeded.Method.Network.Parameters);
    }

    [Fact]
    public void Training_lowers_the_loss_and_recommends_distinct_items()
    {
        var (trainingSet, method) = Fit(Scorer);
        var untrained = ScorerTrainer.Train(trainingSet, Scorer with { Epochs = 0 }, "untrained");

        Assert.True(ScorerTrainer.Loss(method.Network, trainingSet) < ScorerTrainer.Loss(untrained, trainingSet));
        foreach (var query in Queries())
        {
            var ranked = method.Recommend(query, 10);
            Assert.Equal(10, ranked.Distinct().Count());
        }
    }

    private static (TrainingSet TrainingSet, LearnedRankMethod Method) Fit(ScorerOptions scorer)
    {
        var trainer = new LearnedRankTrainer(Options, [new ScorerVariant("L", scorer, ExploreWeight: 1)],
            SyntheticShop.Titles());
        var split = EvaluationSplit.Create(SyntheticShop.Baskets(), Cutoff);
        var method = (LearnedRankMethod)trainer.Fit(split, CancellationToken.None)[0];
        return (trainer.LastTrainingSet!, method);
    }

    private static IEnumerable<RecommendationQuery> Queries() =>
        Enumerable.Range(0, 30)
            .Select(customer => new RecommendationQuery($"c{customer}", "France", Cutoff.AddDays(4), Cutoff));
}
