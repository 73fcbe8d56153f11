using Recsys.Model.Recommender;

namespace Recsys.Model.Tests.Recommender;

public sealed class ItemVectorIndexTests
{
    private static readonly string[] Ids = ["a", "b", "c", "d"];

    // a points along x, b is a long vector near x, c along y, d opposite x.
    private static readonly float[] Vectors = [1, 0, 9, 1, 0, 1, -1, 0];

    [Fact]
    public void Cosine_ranks_by_direction_and_the_dot_product_by_length_too()
    {
        var cosine = ItemVectorIndex.Empty(2).With(Ids, Vectors);
        var dot = ItemVectorIndex.Empty(2, cosine: false).With(Ids, Vectors);
        float[] query = [2, 0];

        Assert.Equal(["a", "b", "c", "d"], cosine.Nearest(query, 4).Select(match => match.ItemId));
        Assert.Equal(1, cosine.Nearest(query, 1)[0].Score, 1e-6f);
        Assert.Equal(["b", "a", "c", "d"], dot.Nearest(query, 4).Select(match => match.ItemId));
        Assert.Equal(18, dot.Nearest(query, 1)[0].Score, 1e-6f);
        Assert.Equal([9f, 1f], dot.VectorOf("b").ToArray());
    }

    [Fact]
    public void Nearest_leaves_out_what_the_filter_excludes_and_replaces_vectors_of_ids_added_again()
    {
        var index = ItemVectorIndex.Empty(2, cosine: false).With(Ids, Vectors);

        Assert.Equal(["a", "c"], index.Nearest([1, 0], 2, id => id == "b").Select(match => match.ItemId));
        var replaced = index.With(["b"], [0, -5]);
        Assert.Equal(4, replaced.Count);
        Assert.Equal("b", replaced.Nearest([0, -1], 1)[0].ItemId);
        Assert.Throws<ArgumentException>(() => index.Nearest([1, 0, 0], 1));
    }
}
