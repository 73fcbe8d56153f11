using Recsys.Model.Evaluation;
using Recsys.Model.Recommender;

namespace Recsys.Model.Tests.Recommender;

public sealed class SceneEncodingTests
{
    private static readonly DateTimeOffset Cutoff = new(2011, 9, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly SceneVocabulary Vocabulary = SceneVocabulary.Of(
    [
        new RecommendationQuery("a", "United Kingdom", Cutoff, Cutoff, "mobile"),
        new RecommendationQuery("b", "France", Cutoff, Cutoff),
        new RecommendationQuery("c", "France", Cutoff, Cutoff, "desktop"),
    ]);

    [Fact]
    public void Countries_and_devices_are_numbered_in_ordinal_order_after_the_unknown_row()
    {
        Assert.Equal(["France", "United Kingdom"], Vocabulary.Countries);
        Assert.Equal(["desktop", "mobile"], Vocabulary.Devices);
        Assert.Equal(3, Vocabulary.CountryRows);
        Assert.Equal(3, Vocabulary.DeviceRows);
    }

    [Fact]
    public void A_query_becomes_hour_weekday_country_device_promotion_and_season()
    {
        // Friday 2011-10-07 14:30 UTC, the 280th day of the year.
        var time = new DateTimeOffset(2011, 10, 7, 14, 30, 0, TimeSpan.Zero);
        var scene = Vocabulary.Encode(new RecommendationQuery("a", "United Kingdom", time, Cutoff, "mobile", true));

        Assert.Equal(new Scene(14, (int)DayOfWeek.Friday, 2, 2, 2, 2 * Math.PI * 279 / 365.25), scene);
        Assert.Equal([14L, 5L, 2L, 2L, 2L], SceneEmbedding.Rows(scene));
    }

    [Fact]
    public void Unseen_or_missing_countries_and_devices_get_the_unknown_row_and_a_missing_promotion_state_its_own()
    {
        var scene = Vocabulary.Encode(new RecommendationQuery("a", "Iceland", Cutoff, Cutoff, "watch"));
        var bare = Vocabulary.Encode(new RecommendationQuery("a", null, Cutoff, Cutoff, null, false));

        Assert.Equal((SceneVocabulary.Unknown, SceneVocabulary.Unknown, 0), (scene.Country, scene.Device, scene.Promotion));
        Assert.Equal((SceneVocabulary.Unknown, SceneVocabulary.Unknown, 1), (bare.Country, bare.Device, bare.Promotion));
    }

    [Fact]
    public void The_season_is_a_point_on_the_unit_circle_that_comes_back_after_a_year()
    {
        var newYear = SceneEmbedding.SeasonRow(Vocabulary.Encode(
            new RecommendationQuery("a", null, new DateTimeOffset(2011, 1, 1, 0, 0, 0, TimeSpan.Zero), Cutoff)));
        var midsummer = SceneEmbedding.SeasonRow(Vocabulary.Encode(
            new RecommendationQuery("a", null, new DateTimeOffset(2011, 7, 2, 0, 0, 0, TimeSpan.Zero), Cutoff)));

        Assert.Equal([0f, 1f], newYear);
        Assert.Equal(0, midsummer[0], 1);
        Assert.Equal(-1, midsummer[1], 2);
    }
}
