using Recsys.Model.Recommenders;
using Recsys.Model.Tests.Support;

namespace Recsys.Model.Tests.Recommenders;

public sealed class RecentBasketsTests
{
    private static readonly DateTimeOffset Start = Moments.NewYear2011;

    [Fact]
    public void Keeps_the_latest_baskets_and_tells_what_a_basket_held_before()
    {
        var recent = new RecentBaskets { Capacity = 2 };

        Assert.Equal([], recent.Add("b1", "A", Start));
        Assert.Equal(["A"], recent.Add("b1", "B", Start.AddHours(1)));
        Assert.Null(recent.Add("b1", "A", Start.AddHours(2)));
        Assert.Equal([], recent.Add("b2", "C", Start.AddDays(1)));
        Assert.Equal([], recent.Add("b0", "D", Start.AddDays(-1)));
        Assert.Equal(["b1", "b2"], recent.Baskets.Select(basket => basket.Id));
        Assert.Equal(Start, recent.Baskets[0].Time);
        Assert.Equal(["A", "B"], recent.Baskets[0].Items);

        recent.Add("b3", "E", Start.AddHours(12));
        Assert.Equal(["b3", "b2"], recent.Baskets.Select(basket => basket.Id));
    }
}
