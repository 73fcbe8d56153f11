using Recsys.Model.Recommenders;
using Recsys.Model.Tests.Support;

namespace Recsys.Model.Tests.Recommenders;

public sealed class RecentBasketsTests
{
    [Fact]
    public void Keeps_the_latest_baskets_and_tells_what_a_basket_held_before()
    {
        var recent = new RecentBaskets { Capacity = 2 };

        Assert.Equal([], recent.Add("b1", "A", Moments.NewYear2011));
        Assert.Equal(["A"], recent.Add("b1", "B", Moments.NewYear2011.AddHours(1)));
        Assert.Null(recent.Add("b1", "A", Moments.NewYear2011.AddHours(2)));
        Assert.Equal([], recent.Add("b2", "C", Moments.NewYear2011.AddDays(1)));
        Assert.Equal([], recent.Add("b0", "D", Moments.NewYear2011.AddDays(-1)));
        Assert.Equal(["b1", "b2"], recent.Baskets.Select(basket => basket.Id));
        Assert.Equal(Moments.NewYear2011, recent.Baskets[0].Time);
        Assert.Equal(["A", "B"], recent.Baskets[0].Items);

        recent.Add("b3", "E", Moments.NewYear2011.AddHours(12));
        Assert.Equal(["b3", "b2"], recent.Baskets.Select(basket => basket.Id));
    }
}
