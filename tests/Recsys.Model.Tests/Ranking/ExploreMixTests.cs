using Recsys.Model.Ranking;

namespace Recsys.Model.Tests.Ranking;

public sealed class ExploreMixTests
{
    private static readonly Comparison<int> ByIndex = (a, b) => a.CompareTo(b);

    [Fact]
    public void Without_explore_weight_the_list_is_the_most_likely_candidates()
    {
        float[] logits = [0.5f, 2f, -1f, 2f, 1f];
        bool[] isNew = [false, false, true, true, false];

        Assert.Equal([1, 3, 4], ExploreMix.Select(logits, isNew, 3, 0, ByIndex));
        Assert.Equal(0, ExploreMix.ExploreBonus(logits, isNew, 3, 0));
    }

    [Fact]
    public void An_explore_weight_brings_new_items_in_below_likelier_own_items()
    {
        float[] logits = [1f, 0.5f, 0.2f, -0.5f];
        bool[] isNew = [false, false, false, true];

        var selected = ExploreMix.Select(logits, isNew, 3, exploreWeight: 4, ByIndex);

        Assert.Equal([0, 1, 3], selected);
    }

    [Fact]
    public void The_bonus_trades_ndcg_for_new_item_recall_at_the_customer_s_exchange_rate()
    {
        // Probabilities 1/2 and 1/2: one expected item, of which half is new; ten slots.
        float[] logits = [0, 0];
        bool[] isNew = [false, true];
        var meanDiscount = Enumerable.Range(0, 10).Sum(rank => 1 / Math.Log2(rank + 2)) / 10;

        var bonus = ExploreMix.ExploreBonus(logits, isNew, 10, exploreWeight: 2);

        Assert.Equal(Math.Log(1 + 2 * 1 / (meanDiscount * 1)), bonus, 6);
    }
}
