using Recsys.Model.Evaluation;
using Recsys.Model.Recommender;
using Recsys.Model.Tests.Torch;
using Recsys.Model.Torch;

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
        using var scope = TorchCollection.OpenScope();
        using var encoder = NewEncoder();
        var inputs = Inputs(batch: 3);

        Assert.Equal([3L, Length + 1, Dimension], encoder.Encode(inputs.Purchases, inputs.Gaps, inputs.Keep, inputs.Scenes, inputs.Seasons).Shape);
        Assert.Equal([3L, Dimension], encoder.Forward(inputs.Purchases, inputs.Gaps, inputs.Keep, inputs.Scenes, inputs.Seasons).Shape);
    }

    [SkippableFact]
    public void A_position_never_sees_later_purchases_but_the_query_sees_all()
    {
        using var scope = TorchCollection.OpenScope();
        using var encoder = NewEncoder();
        var inputs = Inputs(batch: 1);
        var before = encoder.Encode(inputs.Purchases, inputs.Gaps, inputs.Keep, inputs.Scenes, inputs.Seasons);

        var after = encoder.Encode(Replaced(inputs.Purchases, start: 2, count: 1), inputs.Gaps, inputs.Keep, inputs.Scenes,
            inputs.Seasons);
        var difference = (after - before).Abs().Sum(-1).Squeeze(0).ToArray<float>();

        Assert.All(difference[..2], value => Assert.Equal(0f, value));
        Assert.All(difference[2..], value => Assert.True(value > 1e-4f, $"positions from 2 on must change, got {value}"));
    }

    [SkippableFact]
    public void Padding_positions_change_nothing_that_holds_a_purchase()
    {
        using var scope = TorchCollection.OpenScope();
        using var encoder = NewEncoder();
        var inputs = Inputs(batch: 1);
        var keep = LibTorch.FromArray<bool>([false, false, true, true, true], [1, Length]);
        var before = encoder.Encode(inputs.Purchases, inputs.Gaps, keep, inputs.Scenes, inputs.Seasons);

        var after = encoder.Encode(Replaced(inputs.Purchases, start: 0, count: 2), inputs.Gaps, keep, inputs.Scenes,
            inputs.Seasons);
        var difference = (after - before).Abs().Sum(-1).Squeeze(0).ToArray<float>();

        Assert.All(difference[2..], value => Assert.Equal(0f, value));
    }

    [SkippableFact]
    public void The_scene_and_the_time_gaps_reach_the_user_vector()
    {
        using var scope = TorchCollection.OpenScope();
        using var encoder = NewEncoder();
        var inputs = Inputs(batch: 1);
        var user = encoder.Forward(inputs.Purchases, inputs.Gaps, inputs.Keep, inputs.Scenes, inputs.Seasons);

        var otherHour = inputs.Scenes.Clone();
        var otherGaps = LibTorch.Full([1, Length], 11, DType.Int64);
        using (LibTorch.NoGrad())
        {
            otherHour.Select(1, 0).CopyFrom(LibTorch.Full([1], 3, DType.Int64));
        }

        Assert.True((encoder.Forward(inputs.Purchases, inputs.Gaps, inputs.Keep, otherHour, inputs.Seasons) - user).Abs().Sum().Item<float>() > 1e-4f);
        Assert.True((encoder.Forward(inputs.Purchases, otherGaps, inputs.Keep, inputs.Scenes, inputs.Seasons) - user).Abs().Sum().Item<float>() > 1e-4f);
    }

    /// <summary>A copy of one-sequence purchases with the vectors at positions start .. start + count − 1
    /// replaced by large random ones.</summary>
    private static Tensor Replaced(Tensor purchases, int start, int count)
    {
        var changed = purchases.Clone();
        using (LibTorch.NoGrad())
        {
            changed.Narrow(1, start, count).CopyFrom(LibTorch.Randn([1, count, Dimension]) * 10);
        }

        return changed;
    }

    private static UserSequenceEncoder NewEncoder()
    {
        LibTorch.ManualSeed(3);
        var encoder = new UserSequenceEncoder(Config, SceneVocabulary.Of([]));
        encoder.Eval();
        return encoder;
    }

    private static (Tensor Purchases, Tensor Gaps, Tensor Keep, Tensor Scenes, Tensor Seasons) Inputs(int batch)
    {
        LibTorch.ManualSeed(4);
        var scene = SceneVocabulary.Of([]).Encode(new RecommendationQuery("c", null,
            new DateTimeOffset(2011, 5, 4, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2011, 5, 1, 0, 0, 0, TimeSpan.Zero)));
        return (LibTorch.Randn([batch, Length, Dimension]),
            LibTorch.RandInt(1, TimeGapBuckets.Count, [batch, Length]),
            LibTorch.Ones([batch, Length], DType.Bool),
            LibTorch.FromArray<long>(Enumerable.Repeat(SceneEmbedding.Rows(scene), batch).SelectMany(row => row).ToArray(),
                [batch, SceneEmbedding.Columns]),
            LibTorch.FromArray<float>(Enumerable.Repeat(SceneEmbedding.SeasonRow(scene), batch).SelectMany(row => row).ToArray(),
                [batch, SceneEmbedding.SeasonColumns]));
    }
}
