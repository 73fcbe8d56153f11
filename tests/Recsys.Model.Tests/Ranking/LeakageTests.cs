using Recsys.Model.Data;
using Recsys.Model.Evaluation;
using Recsys.Model.Ranking;
using static Recsys.Model.Tests.Ranking.Timeline;

namespace Recsys.Model.Tests.Ranking;

/// <summary>Nothing at or after a cutoff reaches a feature, and no training label comes from at or after the
/// end of the training history: each test adds such baskets and would see them change something if they
/// leaked.</summary>
public sealed class LeakageTests
{
    private static readonly RankingOptions Options = SyntheticShop.Options;

    [Fact]
    public void Features_ignore_baskets_at_or_after_the_cutoff()
    {
        var past = SyntheticShop.Baskets();
        var cutoff = SyntheticShop.Start.AddDays(120);
        var future = new Timeline()
            .Add("c1", cutoff, "i1", "i2", "future-item") // exactly at the cutoff: not history
            .Add("c1", cutoff.AddDays(3), "i3", "i4")
            .Add("new-customer", cutoff.AddDays(1), "i1", "i5")
            .Baskets;
        var pastOnly = PurchaseHistory.Build(past, cutoff, Options, SyntheticShop.Titles());
        var withFuture = PurchaseHistory.Build([.. past, .. future], cutoff, Options, SyntheticShop.Titles());

        Assert.False(withFuture.Items.TryGetNumber("future-item", out _));
        foreach (var customerId in past.Select(basket => basket.CustomerId).Distinct())
        {
            var query = new RecommendationQuery(customerId, "United Kingdom", cutoff.AddDays(5), cutoff);
            var expected = RankingCandidates.Create(pastOnly, query);
            var actual = RankingCandidates.Create(withFuture, query);
            Assert.Equal(expected.ItemIds, actual.ItemIds);
            Assert.Equal(expected.Sources, actual.Sources);
            Assert.Equal(expected.Features, actual.Features);
        }
    }

    [Fact]
    public void The_training_set_ignores_baskets_at_or_after_the_end_of_the_history()
    {
        var past = SyntheticShop.Baskets();
        var end = SyntheticShop.Start.AddDays(150);
        var inHistory = past.Where(basket => basket.Time < end).ToList();
        // "late" bought long before the end and next exactly at the end: that is a test basket, not a label.
        inHistory.AddRange(new Timeline().Add("late", end.AddDays(-60), "i7").Baskets);
        var afterEnd = past.Where(basket => basket.Time >= end)
            .Concat(new Timeline().Add("late", end, "i7", "i8").Baskets)
            .ToList();

        var expected = TrainingSetBuilder.Build(inHistory, end, Options, SyntheticShop.Titles());
        var actual = TrainingSetBuilder.Build([.. inHistory, .. afterEnd], end, Options, SyntheticShop.Titles());

        Assert.True(expected.RowCount > 0);
        Assert.Equal(expected.Features, actual.Features);
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal(expected.ItemIds, actual.ItemIds);
        Assert.DoesNotContain("late", actual.CustomerIds);
    }

    [Fact]
    public void A_case_s_label_basket_is_after_its_cut_and_its_features_are_from_before()
    {
        // At the cut 14 days before the end, "A" has bought only "old"; its next basket brings "fresh".
        var end = Cutoff;
        var shop = new Timeline()
            .Add("A", At(-100), "old", "shared")
            .Add("B", At(-90), "shared", "fresh")
            .Add("B", At(-30), "shared", "fresh")
            .Add("A", At(-10), "fresh", "old")
            .Add("A", At(-5), "never-a-label");
        var options = new RankingOptions
        {
            TrainingCuts = 1,
            DaysBetweenCuts = 14,
            MinimumHistoryDays = 30,
            NegativesPerCase = 10,
        };

        var trainingSet = TrainingSetBuilder.Build(shop.Baskets, end, options);

        var rowsOfA = Enumerable.Range(0, trainingSet.RowCount)
            .Where(row => trainingSet.CustomerIds[row] == "A")
            .ToList();
        var fresh = Assert.Single(rowsOfA, row => trainingSet.ItemIds[row] == "fresh");
        Assert.Equal(1, trainingSet.Labels[fresh]);
        Assert.Equal(0, trainingSet.FeaturesOf(fresh)[(int)RankingFeature.IsRepeat]);
        Assert.DoesNotContain(rowsOfA, row => trainingSet.ItemIds[row] == "never-a-label");
        Assert.Equal([end.AddDays(-14)], trainingSet.Cuts);
    }

    [Fact]
    public void The_learned_method_fits_on_the_history_of_the_split_only()
    {
        var baskets = SyntheticShop.Baskets();
        var cutoff = SyntheticShop.Start.AddDays(150);
        var split = EvaluationSplit.Create(baskets, cutoff);
        var trainer = new LearnedRankTrainer(Options,
            [new ScorerVariant("L", new ScorerOptions { HiddenUnits = 4, Epochs = 1 })]);
        var method = Assert.Single(trainer.Fit(split, CancellationToken.None));

        var learned = Assert.IsType<LearnedRankMethod>(method);
        Assert.Equal(cutoff, learned.History.Cutoff);
        Assert.True(trainer.LastTrainingSet!.Cuts.All(cut => cut < cutoff));
        Assert.Equal(TrainingSetBuilder.Build(split.History, cutoff, Options).Labels, trainer.LastTrainingSet.Labels);
    }
}
