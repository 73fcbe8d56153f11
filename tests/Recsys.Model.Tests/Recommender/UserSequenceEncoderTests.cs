using Recsys.Model.Evaluation;
using Recsys.Model.Recommender;
using Recsys.Model.Tensors;
using Recsys.Model.Tests.Tensors;
using static TorchSharp.torch;

namespace Recsys.Model.Tests.Recommender;

[Collection(TorchCollection.Name)]
public sealed class UserSequenceEncoderTests
{
    private const int Length = 5;
    private const int Dimension = 8;

    private static readonly RecommenderConfig Config = new()
    {
        Dimension = Dimension,
        SequenceLength = Length,
        Layers = 2,
        AttentionHeads = 2,
        Dropout = 0,
    };

    [SkippableFact]
    public void It_gives_a_state_per_purchase_and_for_the_query_and_a_user_vector_per_sequence()
    {
        using var encoder = NewEncoder();
        using var scope = TorchCollection.OpenScope();
        var inputs = Inputs(batch: 3);

        Assert.Equal([3L, Length + 1, Dimension], encoder.Encode(inputs.Purchases, inputs.Gaps, inputs.Keep, inputs.Scenes, inputs.Seasons).shape);
        Assert.Equal([3L, Dimension], encoder.Forward(inputs.Purchases, inputs.Gaps, inputs.Keep, inputs.Scenes, inputs.Seasons).shape);
    }

    [SkippableFact]
    public void A_position_never_sees_later_purchases_but_the_query_sees_all()
    {
        using var encoder = NewEncoder();
        using var scope = TorchCollection.OpenScope();
        var inputs = Inputs(batch: 1);
        var before = encoder.Encode(inputs.Purchases, inputs.Gaps, inputs.Keep, inputs.Scenes, inputs.Seasons);

        var after = encoder.Encode(Replaced(inputs.Purchases, start: 2, count: 1), inputs.Gaps, inputs.Keep, inputs.Scenes,
            inputs.Seasons);
        var difference = (after - before).abs().sum(-1).squeeze(0).data<float>().ToArray();

        Assert.All(difference[..2], value => Assert.Equal(0f, value));
        Assert.All(difference[2..], value => Assert.True(value > 1e-4f, $"positions from 2 on must change, got {value}"));
    }

    [SkippableFact]
    public void Padding_positions_change_nothing_that_holds_a_purchase()
    {
        using var encoder = NewEncoder();
        using var scope = TorchCollection.OpenScope();
        var inputs = Inputs(batch: 1);
        var keep = tensor(new[] { false, false, true, true, true }, [1, Length]);
        var before = encoder.Encode(inputs.Purchases, inputs.Gaps, keep, inputs.Scenes, inputs.Seasons);

        var after = encoder.Encode(Replaced(inputs.Purchases, start: 0, count: 2), inputs.Gaps, keep, inputs.Scenes,
            inputs.Seasons);
        var difference = (after - before).abs().sum(-1).squeeze(0).data<float>().ToArray();

        Assert.All(difference[2..], value => Assert.Equal(0f, value));
    }

    [SkippableFact]
    public void The_scene_and_the_time_gaps_reach_the_user_vector()
    {
        using var encoder = NewEncoder();
        using var scope = TorchCollection.OpenScope();
        var inputs = Inputs(batch: 1);
        var user = encoder.Forward(inputs.Purchases, inputs.Gaps, inputs.Keep, inputs.Scenes, inputs.Seasons);

        var otherHour = inputs.Scenes.clone();
        var otherGaps = full([1, Length], 11, ScalarType.Int64);
        otherHour.select(1, 0).fill_(3);

        Assert.True((encoder.Forward(inputs.Purchases, inputs.Gaps, inputs.Keep, otherHour, inputs.Seasons) - user).abs().sum().item<float>() > 1e-4f);
        Assert.True((encoder.Forward(inputs.Purchases, otherGaps, inputs.Keep, inputs.Scenes, inputs.Seasons) - user).abs().sum().item<float>() > 1e-4f);
    }

    /// <summary>A copy of one-sequence purchases with the vectors at positions start .. start + count − 1
    /// replaced by large random ones.</summary>
    private static Tensor Replaced(Tensor purchases, int start, int count)
    {
        var changed = purchases.clone();
        changed.narrow(1, start, count).copy_(randn(1, count, Dimension) * 10);
        return changed;
    }

    private static UserSequenceEncoder NewEncoder()
    {
        TorchCollection.RequireLibTorch();
        TorchRuntime.Seed(3);
        var encoder = new UserSequenceEncoder(Config, SceneVocabulary.Of([]));
        encoder.eval();
        return encoder;
    }

    private static (Tensor Purchases, Tensor Gaps, Tensor Keep, Tensor Scenes, Tensor Seasons) Inputs(int batch)
    {
        TorchRuntime.Seed(4);
        var scene = SceneVocabulary.Of([]).Encode(new RecommendationQuery("c", null,
            new DateTimeOffset(2011, 5, 4, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2011, 5, 1, 0, 0, 0, TimeSpan.Zero)));
        return (randn(batch, Length, Dimension),
            randint(1L, TimeGapBuckets.Count, new long[] { batch, Length }),
            ones([batch, Length], ScalarType.Bool),
            tensor(Enumerable.Repeat(SceneEmbedding.Rows(scene), batch).SelectMany(row => row).ToArray(),
                [batch, SceneEmbedding.Columns]),
            tensor(Enumerable.Repeat(SceneEmbedding.SeasonRow(scene), batch).SelectMany(row => row).ToArray(),
                [batch, SceneEmbedding.SeasonColumns]));
    }
}
