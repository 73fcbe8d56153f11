using Recsys.Grains.Interfaces;
using Recsys.Grains.Popularity;
using Recsys.Grains.Recommendations;

namespace Recsys.Grains.Tests;

public sealed class SceneRecommenderTests
{
    private readonly SceneRecommender _recommender = new(new RecommenderOptions());

    private static IReadOnlyList<PopularItem> Popular(params string[] ids) => [.. ids.Select(id => new PopularItem(id, 1, 1))];

    [Fact]
    public void OwnPurchasesOutrankPopularItemsAndNameTheirSource()
    {
        var signals = new CandidateSignals
        {
            Repeat = new Dictionary<string, double> { ["A"] = 2.0, ["B"] = 1.0 },
            GlobalPopular = Popular("P", "Q"),
        };

        var ranked = _recommender.Rank(signals, 4, new HashSet<string>());

        Assert.Equal(["A", "B", "P", "Q"], ranked.Select(c => c.ItemId));
        Assert.Equal(1.0, ranked[0].Score, 12);
        Assert.Equal(0.5, ranked[1].Score, 12);
        Assert.Equal(RecommendationSource.Repeat, ranked[0].Source);
        Assert.Equal(RecommendationSource.Popular, ranked[2].Source);
    }

    [Fact]
    public void TheSceneLocationChangesTheOrderOfPopularItems()
    {
        var france = new CandidateSignals { GlobalPopular = Popular("X", "Y", "Z"), LocationPopular = Popular("Z", "Y") };
        var germany = new CandidateSignals { GlobalPopular = Popular("X", "Y", "Z"), LocationPopular = Popular("Y", "X") };

        var inFrance = _recommender.Rank(france, 3, new HashSet<string>());
        var inGermany = _recommender.Rank(germany, 3, new HashSet<string>());

        Assert.Equal(["Z", "Y", "X"], inFrance.Select(c => c.ItemId));
        Assert.Equal(RecommendationSource.PopularInLocation, inFrance[0].Source);
        Assert.Equal(["Y", "X", "Z"], inGermany.Select(c => c.ItemId));
    }

    [Fact]
    public void ActivePromotionsAreBoostedAndExcludedItemsNeverReturned()
    {
        var signals = new CandidateSignals
        {
            GlobalPopular = Popular("X", "Y", "Z"),
            ActivePromotions = new Dictionary<string, string> { ["Z"] = "SUMMER" },
        };

        var ranked = _recommender.Rank(signals, 3, new HashSet<string> { "X" });

        Assert.Equal(["Z", "Y"], ranked.Select(c => c.ItemId));
        Assert.Equal(RecommendationSource.Promotion, ranked[0].Source);
    }

    [Fact]
    public void EqualScoresGoToTheGloballyMorePopularItem()
    {
        var signals = new CandidateSignals
        {
            CoOccurrence = new Dictionary<string, double> { ["M"] = 1, ["N"] = 1 },
            GlobalPopular = Popular("N", "M"),
        };
        var noPopularityWeight = new SceneRecommender(new RecommenderOptions { GlobalPopularityWeight = 0 });

        var ranked = noPopularityWeight.Rank(signals, 2, new HashSet<string>());

        Assert.Equal(["N", "M"], ranked.Select(c => c.ItemId));
        Assert.All(ranked, c => Assert.Equal(RecommendationSource.CoOccurrence, c.Source));
    }
}
