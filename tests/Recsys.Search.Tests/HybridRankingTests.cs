using Recsys.Search;

namespace Recsys.Search.Tests;

public sealed class HybridRankingTests
{
    [Fact]
    public void An_item_both_lists_rank_well_beats_one_that_only_one_list_ranks_first()
    {
        var fused = HybridRanking.Fuse((["a", "b", "c"], 1), (["c", "d", "a"], 1));

        Assert.Equal(["a", "c", "b", "d"], fused.Select(item => item.ItemId));
        Assert.Equal(1.0 / 61 + 1.0 / 63, fused[0].Score, 12);
    }

    [Fact]
    public void Weights_decide_between_the_lists_and_ties_go_to_the_smaller_id()
    {
        var keywordFirst = HybridRanking.Fuse((["k"], 1), (["s"], 0.5));
        var semanticFirst = HybridRanking.Fuse((["k"], 0.5), (["s"], 1));
        var tied = HybridRanking.Fuse((["y"], 1), (["x"], 1));

        Assert.Equal(["k", "s"], keywordFirst.Select(item => item.ItemId));
        Assert.Equal(["s", "k"], semanticFirst.Select(item => item.ItemId));
        Assert.Equal(["x", "y"], tied.Select(item => item.ItemId));
    }
}
