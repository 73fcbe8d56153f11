using Recsys.Model.Ranking;

namespace Recsys.Model.Tests.Ranking;

public sealed class ItemScoresTests
{
    [Fact]
    public void Top_orders_by_score_then_item_number_and_keeps_only_what_the_filter_accepts()
    {
        var scores = new ItemScores(10);
        foreach (var (item, score) in new[] { (7, 0.5), (3, 0.9), (5, 0.5), (1, 0.9), (8, 0.1), (2, 0.7), (9, 0.0) })
        {
            scores.Add(item, score);
        }

        Assert.Equal([1, 3, 2, 5, 7, 8, 9], scores.Top(10, _ => true));
        Assert.Equal([1, 3, 2], scores.Top(3, _ => true));
        Assert.Equal([3, 5, 7], scores.Top(3, item => item % 2 == 1 && item != 1));
        Assert.Empty(scores.Top(0, _ => true));
    }

    [Fact]
    public void Scores_sum_and_max_per_item_and_clear_back_to_none()
    {
        var scores = new ItemScores(4);
        scores.Add(2, 0.25);
        scores.Add(2, 0.5);
        scores.Max(1, 0.3);
        scores.Max(1, 0.2);
        scores.Max(3, -1);

        Assert.Equal(0.75, scores[2]);
        Assert.Equal(0.3, scores[1]);
        Assert.Equal(0, scores[3]); // a maximum starts from 0, as a missing entry reads
        Assert.True(scores.Contains(3));
        Assert.False(scores.Contains(0));
        Assert.Equal([2, 1, 3], scores.Items);

        scores.Clear();
        Assert.Equal(0, scores.Count);
        Assert.Equal(0, scores[2]);
        Assert.False(scores.Contains(2));
        scores.Add(0, 1);
        Assert.Equal([0], scores.Top(5, _ => true));
    }
}
