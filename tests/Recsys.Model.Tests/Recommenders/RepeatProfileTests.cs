using System.Text.Json;
using Recsys.Model.Recommenders;
using Recsys.Model.Tests.Support;

namespace Recsys.Model.Tests.Recommenders;

public sealed class RepeatProfileTests
{
    [Fact]
    public void Scores_items_by_their_decayed_baskets()
    {
        var profile = new RepeatProfile();
        profile.Add("A", Moments.NewYear2011);
        profile.Add("A", Moments.NewYear2011.AddDays(90));
        profile.Add("B", Moments.NewYear2011.AddDays(90));

        var scores = profile.Scores(Moments.NewYear2011.AddDays(180));

        Assert.Equal(Math.Exp(-2) + Math.Exp(-1), scores["A"], 1e-15);
        Assert.Equal(Math.Exp(-1), scores["B"], 1e-15);
        Assert.Equal((2, Moments.NewYear2011.AddDays(90)), (profile.Items["A"].Purchases, profile.Items["A"].LastPurchase));
    }

    [Fact]
    public void Gives_the_same_scores_whatever_the_arrival_order()
    {
        (string Item, DateTimeOffset Time)[] purchases = [("A", Moments.NewYear2011), ("B", Moments.NewYear2011.AddDays(30)), ("A", Moments.NewYear2011.AddDays(200))];
        var inOrder = new RepeatProfile();
        var reversed = new RepeatProfile();
        foreach (var (item, time) in purchases)
        {
            inOrder.Add(item, time);
        }

        foreach (var (item, time) in purchases.Reverse())
        {
            reversed.Add(item, time);
        }

        var at = Moments.NewYear2011.AddDays(365);
        Assert.Equal(inOrder.Scores(at)["A"], reversed.Scores(at)["A"], 1e-15);
        Assert.Equal(inOrder.Scores(at)["B"], reversed.Scores(at)["B"], 1e-15);
    }

    [Fact]
    public void Stays_finite_for_moments_centuries_away()
    {
        var profile = new RepeatProfile();
        profile.Add("A", Moments.NewYear2011);
        profile.Add("B", Moments.NewYear2011.AddYears(60));

        var sixtyYearsOn = profile.Scores(Moments.NewYear2011.AddYears(60));
        var longBefore = profile.Scores(Moments.NewYear2011.AddYears(-120));

        var daysTo = (Moments.NewYear2011.AddYears(60) - Moments.NewYear2011).TotalDays;
        Assert.Equal(Math.Exp(-daysTo / 90), sixtyYearsOn["A"], Math.Exp(-daysTo / 90) * 1e-9);
        var daysFrom = (Moments.NewYear2011 - Moments.NewYear2011.AddYears(-120)).TotalDays;
        Assert.Equal(1, longBefore["A"] / Math.Exp(daysFrom / 90), 1e-9);
    }

    [Fact]
    public void Evicts_the_weakest_item_beyond_its_capacity()
    {
        var profile = new RepeatProfile { Capacity = 2 };
        profile.Add("A", Moments.NewYear2011);
        profile.Add("B", Moments.NewYear2011.AddDays(1));
        profile.Add("C", Moments.NewYear2011.AddDays(2));
        Assert.Equal(["B", "C"], profile.Items.Keys.Order());

        profile.Add("A", Moments.NewYear2011.AddDays(3));
        Assert.Equal(["A", "C"], profile.Items.Keys.Order());
    }

    [Fact]
    public void Round_trips_through_json()
    {
        var profile = new RepeatProfile { Capacity = 10 };
        profile.Add("B", Moments.NewYear2011.AddDays(3));
        profile.Add("A", Moments.NewYear2011);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var json = JsonSerializer.Serialize(profile, options);
        var restored = JsonSerializer.Deserialize<RepeatProfile>(json, options)!;

        Assert.Equal(
            """{"capacity":10,"decayDays":90,"referenceTime":"2011-01-04T00:00:00+00:00","items":{"A":{"score":0.9672161004820059,"purchases":1,"lastPurchase":"2011-01-01T00:00:00+00:00"},"B":{"score":1,"purchases":1,"lastPurchase":"2011-01-04T00:00:00+00:00"}}}""",
            json);
        Assert.Equal(profile.Scores(Moments.NewYear2011.AddDays(10)), restored.Scores(Moments.NewYear2011.AddDays(10)));
    }
}
