using Recsys.Model.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Recsys.Model.Tests.Tensors;

[Collection(TorchCollection.Name)]
public sealed class AttentionMasksTests
{
    [SkippableFact]
    public void An_additive_mask_is_zero_where_kept_and_a_large_negative_number_elsewhere()
    {
        using var scope = TorchCollection.OpenScope();

        var fromBools = AttentionMasks.Additive(tensor(new[] { true, false, true }));
        var fromOnes = AttentionMasks.Additive(tensor(new long[] { 1, 0, 1 }));

        Assert.Equal(ScalarType.Float32, fromBools.dtype);
        Assert.Equal([0f, -1e9f, 0f], fromBools.data<float>().ToArray());
        Assert.Equal([0f, -1e9f, 0f], fromOnes.data<float>().ToArray());
        Assert.Equal([0.0, -1e9], AttentionMasks.Additive(tensor(new[] { 1, 0 }), ScalarType.Float64).data<double>().ToArray());
    }

    [SkippableFact]
    public void A_half_precision_mask_stays_finite()
    {
        using var scope = TorchCollection.OpenScope();

        var mask = AttentionMasks.Additive(tensor(new[] { true, false }), ScalarType.Float16);

        Assert.Equal(ScalarType.Float16, mask.dtype);
        Assert.Equal([(Half)0, (Half)(-1e4f)], mask.data<Half>().ToArray());
    }

    [SkippableFact]
    public void The_mask_keeps_the_shape_of_the_keep_mask()
    {
        using var scope = TorchCollection.OpenScope();
        var keep = tensor(new long[] { 1, 1, 0, 1, 0, 0 }, [2, 1, 1, 3]);

        Assert.Equal([2L, 1L, 1L, 3L], AttentionMasks.Additive(keep).shape);
    }

    [SkippableFact]
    public void The_causal_keep_mask_lets_each_position_see_itself_and_the_ones_before()
    {
        using var scope = TorchCollection.OpenScope();

        var causal = AttentionMasks.CausalKeep(3);

        Assert.Equal(ScalarType.Bool, causal.dtype);
        Assert.Equal([3L, 3L], causal.shape);
        Assert.Equal([true, false, false, true, true, false, true, true, true], causal.data<bool>().ToArray());
    }

    [SkippableFact]
    public void Attention_under_the_mask_ignores_blocked_keys()
    {
        using var scope = TorchCollection.OpenScope();
        var query = randn(1, 2, 4);
        var key = randn(1, 3, 4);
        var value = tensor(new float[] { 1, 10, 100 }, [1, 3, 1]);
        var keepFirstOnly = AttentionMasks.Additive(tensor(new[] { true, false, false }, [1, 1, 3]));

        var attended = nn.functional.scaled_dot_product_attention(query, key, value, keepFirstOnly);

        Assert.Equal([1f, 1f], attended.data<float>().ToArray());
    }

    [SkippableFact]
    public void A_row_with_nothing_to_attend_to_averages_instead_of_giving_nan()
    {
        using var scope = TorchCollection.OpenScope();
        var query = randn(1, 1, 4);
        var key = randn(1, 3, 4);
        var value = tensor(new float[] { 1, 2, 6 }, [1, 3, 1]);
        var keepNone = AttentionMasks.Additive(zeros(new long[] { 1, 1, 3 }, ScalarType.Bool));

        var attended = nn.functional.scaled_dot_product_attention(query, key, value, keepNone);

        Assert.Equal(3f, attended.item<float>(), 5);
    }

    [SkippableFact]
    public void Causal_attention_reads_no_later_position()
    {
        using var scope = TorchCollection.OpenScope();
        var sequence = randn(1, 4, 8);
        var causal = AttentionMasks.Additive(AttentionMasks.CausalKeep(4));
        var changedLast = sequence.clone();
        changedLast[0, 3] = randn(8);

        var before = nn.functional.scaled_dot_product_attention(sequence, sequence, sequence, causal);
        var after = nn.functional.scaled_dot_product_attention(changedLast, changedLast, changedLast, causal);

        Assert.True(before[0, TensorIndex.Slice(0, 3)].allclose(after[0, TensorIndex.Slice(0, 3)]));
        Assert.False(before[0, 3].allclose(after[0, 3]));
    }
}
