using System.Text.Json;
using Recsys.Model.Recommenders;
using Recsys.Model.Tests.Support;

namespace Recsys.Model.Tests.Recommenders;

public sealed class RepeatProfileTests
{
    private static readonly DateTimeOffset Start = Moments.NewYear2011;

    [Fact]
    public void Scores_items_by_their_decayed_baskets()
    {
        var profile = new RepeatProfile();
        profile.Add("A", Start);
        profile.Add("A", Start.AddDays(90));
        profile.Add("B", Start.AddDays(90));

        var scores = profile.Scores(Start.AddDays(180));

        Assert.Equal(Math.Exp(-2) + Math.Exp(-1), scores["A"], 1e-15);
        Assert.Equal(Math.Exp(-1), scores["B"], 1e-15);
        Assert.Equal((2, Start.AddDays(90)), (profile.Items["A"].Purchases, profile.Items["A"].LastPurchase));
    }

    [Fact]
    public void Gives_the_same_scores_whatever_the_arrival_order()
    {
        (string Item, DateTimeOffset Time)[] purchases =
            [("A", Start), ("B", Start.AddDays(30)), ("A", Start.AddDays(200))];
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

        var at = Start.AddDays(365);
        Assert.Equal(inOrder.Scores(at)["A"], reversed.Scores(at)["A"], 1e-15);
        Assert.Equal(inOrder.Scores(at)["B"], reversed.Scores(at)["B"], 1e-15);
    }

    [Fact]
    public void Stays_finite_for_moments_centuries_away()
    {
        var profile = new RepeatProfile();
        profile.Add("A", Start);
        profile.Add("B", Start.AddYears(60));

        var sixtyYearsOn = profile.Scores(Start.AddYears(60));
        var longBefore = profile.Scores(Start.AddYears(-120));

        var daysTo = (Start.AddYears(60) - Start).TotalDays;
        Assert.Equal(Math.Exp(-daysTo / 90), sixtyYearsOn["A"], Math.Exp(-daysTo / 90) * 1e-9);
        var daysFrom = (Start - Start.AddYears(-120)).TotalDays;
        Assert.Equal(1, longBefore["A"] / Math.Exp(daysFrom / 90), 1e-9);
    }

    [Fact]
    public void Evicts_the_weakest_item_beyond_its_capacity()
    {
        var profile = new RepeatProfile { Capacity = 2 };
        profile.Add("A", Start);
        profile.Add("B", Start.AddDays(1));
        profile.Add("C", Start.AddDays(2));
        Assert.Equal(["B", "C"], profile.Items.Keys.Order());

        profile.Add("A", Start.AddDays(3));
        Assert.Equal(["A", "C"], profile.Items.Keys.Order());
    }

    [Fact]
    public void Round_trips_through_json()
    {
        var profile = new RepeatProfile { Capacity = 10 };
        profile.Add("B", Start.AddDays(3));
        profile.Add("A", Start);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var json = JsonSerializer.Serialize(profile, options);
        var restored = JsonSerializer.Deserialize<RepeatProfile>(json, options)!;

        Assert.Equal(
            """{"capacity":10,"decayDays":90,"referenceTime":"2011-01-04T00:00:00+00:00","items":{"A":{"score":0.9672161004820059,"purchases":1,"lastPurchase":"2011-01-01T00:00:00+00:00"},"B":{"score":1,"purchases":1,"lastPurchase":"2011-01-04T00:00:00+00:00"}}}""",
            json);
        Assert.Equal(profile.Scores(Start.AddDays(10)), restored.Scores(Start.AddDays(10)));
    }
}
