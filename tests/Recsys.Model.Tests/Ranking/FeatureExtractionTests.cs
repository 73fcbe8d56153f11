using Recsys.Model.Evaluation;
using Recsys.Model.Ranking;
using static Recsys.Model.Tests.Ranking.Timeline;

namespace Recsys.Model.Tests.Ranking;

/// <summary>Feature values on a hand-made history, each recomputed here from its definition:
/// A buys {X, Y} then {X, Z}; B buys {X, W} then {W, Y, X}; C (France) buys {Z, W}.</summary>
public sealed class FeatureExtractionTests
{
    private const double ShareFloor = 1e-4;
    private const double PopulationRepeatRatio = 3.0 / 5; // A re-bought 1 of 2 items, B 2 of 3, C none.

    private static readonly DateTimeOffset A1 = At(-40, 9);
    private static readonly DateTimeOffset A2 = At(-10, 12);
    private static readonly DateTimeOffset B1 = At(-20, 9);
    private static readonly DateTimeOffset B2 = At(-5, 9);
    private static readonly DateTimeOffset C1 = At(-3, 15);
    private static readonly DateTimeOffset QueryTime = At(2, 14);

    private static readonly Timeline Shop = new Timeline()
        .Add("A", A1, ("X", 3, 2.0), ("Y", 1, 1.0))
        .Add("A", A2, ("X", 7, 2.0), ("Z", 1, 8.0))
        .Add("B", B1, ("X", 1, 2.0), ("W", 1, 0.5))
        .Add("B", B2, ("W", 3, 0.5), ("Y", 2, 1.0), ("X", 1, 2.0))
        .Add("C", "France", C1, ("Z", 1, 8.0), ("W", 1, 0.5));

    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["X"] = "LUNCH BAG RED",
        ["Y"] = "LUNCH BAG BLUE",
        ["Z"] = "JUMBO BAG RED",
        ["W"] = "TEA CUP",
    };

    private static readonly PurchaseHistory History =
        PurchaseHistory.Build(Shop.Baskets, Cutoff, new RankingOptions(), Titles);

    private static readonly RankingCandidates OfA = RankingCandidates.Create(History,
        new RecommendationQuery("A", "United Kingdom", QueryTime, Cutoff));

    [Fact]
    public void Proposes_own_items_by_repeat_score_then_items_from_the_other_sources()
    {
        Assert.Equal(["X", "Z", "Y", "W"], OfA.ItemIds);
        Assert.Equal(CandidateSources.Repeat, OfA.Sources[0]);
        Assert.True(OfA.Sources[3].HasFlag(CandidateSources.ItemKnn));
        Assert.True(OfA.Sources[3].HasFlag(CandidateSources.CustomerKnn));
        Assert.Equal(4 * RankingFeatures.Count, OfA.Features.Length);
    }

    [Fact]
    public void Repeat_features_describe_the_customer_s_purchases_of_the_item()
    {
        var sinceLastX = Days(A2, QueryTime);
        Assert.Equal(1, Feature("X", RankingFeature.IsRepeat));
        Assert.Equal(Math.Log(1 + Decay(A1, 7) + Decay(A2, 7)), Feature("X", RankingFeature.RepeatDecay7Days), 5);
        Assert.Equal(Math.Log(1 + Decay(A1, 30) + Decay(A2, 30)), Feature("X", RankingFeature.RepeatDecay30Days), 5);
        Assert.Equal(Math.Log(1 + Decay(A1, 90) + Decay(A2, 90)), Feature("X", RankingFeature.RepeatDecay90Days), 5);
        Assert.Equal(Math.Log(1 + Decay(A1, 365) + Decay(A2, 365)), Feature("X", RankingFeature.RepeatDecay365Days), 5);
        Assert.Equal(Decay(A2, 90) / (Decay(A1, 90) + Decay(A2, 90)),
            Feature("Z", RankingFeature.RepeatShare90Days), 5);
        Assert.Equal(Math.Log(3), Feature("X", RankingFeature.PurchaseCount), 5);
        Assert.Equal(0.5, Feature("Z", RankingFeature.PurchaseShare), 5);
        Assert.Equal(1, Feature("X", RankingFeature.BasketsSinceLastPurchase));
        Assert.Equal(0.5, Feature("Y", RankingFeature.BasketsSinceLastPurchase));
        Assert.Equal(Math.Exp(-sinceLastX / 30), Feature("X", RankingFeature.LastPurchaseRecency), 5);
        Assert.Equal(Math.Log(1 + Days(A1, A2)), Feature("X", RankingFeature.MeanRepurchaseInterval), 5);
        Assert.Equal(Math.Log((1 + sinceLastX) / (1 + Days(A1, A2))),
            Feature("X", RankingFeature.RepurchaseOverdue), 5);
        var itemInterval = (Days(A1, A2) + Days(B1, B2)) / 2;
        Assert.Equal(Math.Log((1 + sinceLastX) / (1 + itemInterval)),
            Feature("X", RankingFeature.OverdueVsItemInterval), 5);
        Assert.Equal(1, Feature("X", RankingFeature.InLastBasket));
        Assert.Equal(0, Feature("Y", RankingFeature.InLastBasket));
        Assert.Equal((Math.Log(4) + Math.Log(8)) / 2, Feature("X", RankingFeature.MeanQuantity), 5);
    }

    [Fact]
    public void Items_the_customer_never_bought_have_no_repeat_features()
    {
        foreach (var feature in new[] { RankingFeature.IsRepeat, RankingFeature.RepeatDecay90Days,
                     RankingFeature.PurchaseCount, RankingFeature.LastPurchaseRecency, RankingFeature.InLastBasket })
        {
            Assert.Equal(0, Feature("W", feature));
        }

        Assert.Equal(0, Feature("Z", RankingFeature.MeanRepurchaseInterval)); // bought once
    }

    [Fact]
    public void Customer_features_are_the_same_for_every_candidate()
    {
        var expected = new Dictionary<RankingFeature, double>
        {
            [RankingFeature.CustomerBaskets] = Math.Log(3),
            [RankingFeature.CustomerRepeatRatio] = (1 + 10 * PopulationRepeatRatio) / (2 + 10),
            [RankingFeature.CustomerDistinctItems] = Math.Log(4),
            [RankingFeature.CustomerMeanBasketSize] = Math.Log(3),
            [RankingFeature.CustomerMeanDaysBetweenBaskets] = Math.Log(1 + Days(A1, A2)),
            [RankingFeature.DaysSinceCustomerLastBasket] = Math.Log(1 + Days(A2, QueryTime)),
            [RankingFeature.DaysAfterCutoff] = Math.Log(1 + Days(Cutoff, QueryTime)),
            [RankingFeature.CustomerHourMatch] = 0.5, // 12 o'clock is within 2 hours of 14 o'clock, 9 o'clock is not
        };
        foreach (var item in OfA.ItemIds)
        {
            foreach (var (feature, value) in expected)
            {
                Assert.Equal(value, Feature(item, feature), 5);
            }
        }
    }

    [Fact]
    public void Popularity_features_are_shares_of_baskets_before_the_cutoff()
    {
        // Baskets: 2 in the last 7 days (B2, C1), 4 in the last 30 (A2, B1, B2, C1), 5 in all;
        // X is in B2 / A2, B1, B2 / four of them. A share is count / (baskets + 1).
        var (week, month, allTime) = (1.0 / (2 + 1), 3.0 / (4 + 1), 4.0 / (5 + 1));
        Assert.Equal(Math.Log(ShareFloor + week), Feature("X", RankingFeature.Popularity7Days), 5);
        Assert.Equal(Math.Log(ShareFloor + month), Feature("X", RankingFeature.Popularity30Days), 5);
        Assert.Equal(Math.Log(ShareFloor + allTime), Feature("X", RankingFeature.PopularityAllTime), 5);
        Assert.Equal(Math.Log(ShareFloor + week) - Math.Log(ShareFloor + month),
            Feature("X", RankingFeature.PopularityTrend), 5);

        // The UK has 3 baskets in the last 30 days and 4 in all, X in all of them; 20 pseudo-baskets at the
        // global share.
        var countryMonth = (3 + 20 * month) / (3 + 20);
        var countryAllTime = (4 + 20 * allTime) / (4 + 20);
        Assert.Equal(Math.Log(ShareFloor + countryMonth), Feature("X", RankingFeature.CountryPopularity30Days), 5);
        Assert.Equal(Math.Log(ShareFloor + countryAllTime), Feature("X", RankingFeature.CountryPopularityAllTime), 5);
        Assert.Equal(Math.Log(ShareFloor + countryAllTime) - Math.Log(ShareFloor + allTime),
            Feature("X", RankingFeature.CountryLift), 5);
    }

    [Fact]
    public void Item_features_describe_the_item_across_customers()
    {
        Assert.Equal(Math.Log(1 + Days(A1, Cutoff)), Feature("X", RankingFeature.ItemAge), 5);
        Assert.Equal(0, Feature("X", RankingFeature.ItemIsNew));
        Assert.Equal(1, Feature("Z", RankingFeature.ItemIsNew)); // first sold 10 days before the cutoff
        Assert.Equal(Math.Log(3), Feature("X", RankingFeature.ItemBuyers), 5);
        Assert.Equal(Math.Log(2), Feature("X", RankingFeature.ItemRecentAdopters), 5); // B, not A
        Assert.Equal((4 - 2 + 10 * PopulationRepeatRatio) / (4 + 10),
            Feature("X", RankingFeature.ItemRepurchaseShare), 5);
        Assert.Equal(Math.Log(1 + (Days(A1, A2) + Days(B1, B2)) / 2),
            Feature("X", RankingFeature.ItemRepurchaseInterval), 5);
        Assert.Equal(Math.Log(2), Feature("X", RankingFeature.ItemPrice), 5);
        var customerMeanLogPrice = (Math.Log(2) + Math.Log(1) + Math.Log(2) + Math.Log(8)) / 4;
        Assert.Equal(Math.Log(2) - customerMeanLogPrice, Feature("X", RankingFeature.PriceVsCustomer), 5);
    }

    [Fact]
    public void Item_knn_features_use_basket_cosine_similarity()
    {
        // Baskets holding X: 4, Y: 2, Z: 2, W: 3; co(X, W) = 2, co(Y, W) = 1, co(Z, W) = 1, co(X, Y) = 2.
        var (xw, yw, zw, xy) = (2 / Math.Sqrt(4 * 3), 1 / Math.Sqrt(2 * 3), 1 / Math.Sqrt(2 * 3), 2 / Math.Sqrt(4 * 2));
        var recentW = (xw + yw) * Decay(A1, 90) + (xw + zw) * Decay(A2, 90);
        Assert.Equal(Math.Log(1 + recentW), Feature("W", RankingFeature.ItemKnnRecent), 5);
        Assert.Equal(1, Feature("W", RankingFeature.ItemKnnRecentRelative), 5); // the best candidate
        var recentY = xy * (Decay(A1, 90) + Decay(A2, 90));
        Assert.Equal(recentY / recentW, Feature("Y", RankingFeature.ItemKnnRecentRelative), 5);
        Assert.Equal((xw + zw) / 2, Feature("W", RankingFeature.ItemKnnLastBasket), 5);
        var (weightX, weightY, weightZ) = (Decay(A1, 90) + Decay(A2, 90), Decay(A1, 90), Decay(A2, 90));
        Assert.Equal((weightX * xw + weightY * yw + weightZ * zw) / (weightX + weightY + weightZ),
            Feature("W", RankingFeature.ItemKnnProfile), 5);
    }

    [Fact]
    public void Customer_knn_features_weigh_similar_customers_by_item_set_cosine()
    {
        // A {X, Y, Z} shares 2 items with B {X, W, Y} and 1 with C {Z, W}.
        var (b, c) = (2 / Math.Sqrt(3 * 3), 1 / Math.Sqrt(3 * 2));
        Assert.Equal(1, Feature("W", RankingFeature.CustomerKnn), 5);
        Assert.Equal(b / (b + c), Feature("X", RankingFeature.CustomerKnn), 5);
        Assert.Equal((b * (Decay(B1, 30) + Decay(B2, 30)) + c * Decay(C1, 30)) / (b + c),
            Feature("W", RankingFeature.CustomerKnnRecent), 5);
    }

    [Fact]
    public void Title_features_compare_tf_idf_vectors_of_titles()
    {
        // Customer B never bought Z ("JUMBO BAG RED"), which shares RED with X and nothing with Y or W.
        // idf = log(4 items / (1 + items with the word)): LUNCH, RED log(4/3); BAG 0; BLUE, JUMBO, TEA, CUP log 2.
        var (shared, single) = (Math.Log(4.0 / 3), Math.Log(2));
        var norm = Math.Sqrt(shared * shared + single * single);
        var xz = 1 / Math.Sqrt(2) * (shared / norm);
        var ofB = RankingCandidates.Create(History, new RecommendationQuery("B", "United Kingdom", At(1, 10), Cutoff));
        var z = ofB.ItemIds.ToList().IndexOf("Z");
        Assert.True(ofB.Sources[z].HasFlag(CandidateSources.Title));
        Assert.Equal(xz, ofB.Feature(z, RankingFeature.TitleKnnMax), 5);
        var weightX = Decay(B1, 90) + Decay(B2, 90);
        Assert.Equal(weightX * xz * xz, ofB.Feature(z, RankingFeature.TitleKnn), 5);

        // B's taste: w_X v_X + w_W v_W + w_Y v_Y, normalised; only its RED component meets Z.
        var (weightW, weightY) = (Decay(B1, 90) + Decay(B2, 90), Decay(B2, 90));
        var lunch = weightX / Math.Sqrt(2) + weightY * shared / norm;
        var red = weightX / Math.Sqrt(2);
        var blue = weightY * single / norm;
        var teaOrCup = weightW / Math.Sqrt(2);
        var taste = Math.Sqrt(lunch * lunch + red * red + blue * blue + 2 * teaOrCup * teaOrCup);
        Assert.Equal(red / taste * (shared / norm), ofB.Feature(z, RankingFeature.TitleAffinity), 5);
    }

    [Fact]
    public void Feature_names_are_unique_snake_case_and_described()
    {
        Assert.Equal(RankingFeatures.Count, RankingFeatures.Names.Distinct().Count());
        Assert.Equal("repeat_decay_7_days", RankingFeatures.NameOf(RankingFeature.RepeatDecay7Days));
        Assert.All(Enum.GetValues<RankingFeature>(), feature => Assert.NotEmpty(RankingFeatures.Describe(feature)));
    }

    [Fact]
    public void A_customer_the_history_does_not_know_has_no_candidates()
    {
        Assert.Equal(0, RankingCandidates.Create(History, new RecommendationQuery("D", null, QueryTime, Cutoff)).Count);
    }

    [Fact]
    public void A_query_must_be_at_or_after_the_history_s_cutoff()
    {
        Assert.Throws<ArgumentException>(() =>
            RankingCandidates.Create(History, new RecommendationQuery("A", null, At(-1), At(-1))));
    }

    private static double Feature(string itemId, RankingFeature feature) =>
        OfA.Feature(OfA.ItemIds.ToList().IndexOf(itemId), feature);

    private static double Days(DateTimeOffset from, DateTimeOffset to) => (to - from).TotalDays;

    private static double Decay(DateTimeOffset time, double days) => Math.Exp(-Days(time, Cutoff) / days);
}
