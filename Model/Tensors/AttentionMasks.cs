using TorchSharp;
using static TorchSharp.torch;

namespace Recsys.Model.Tensors;

/// <summary>The masks attention takes, which libtorch has no function for.</summary>
public static class AttentionMasks
{
    /// <summary>An additive mask of <paramref name="dtype"/> from a keep mask (bool, or 1/0 as in a BERT
    /// attention_mask): 0 where kept, a large negative number where not. The number stays finite so that a row with
    /// nothing to attend to gives a uniform average instead of NaN.</summary>
    public static Tensor Additive(Tensor keep, ScalarType dtype = ScalarType.Float32)
    {
        // -1e4 fits float16; wider types take a value that drowns any score.
        var blocked = dtype == ScalarType.Float16 ? -1e4 : -1e9;
        using var scope = NewDisposeScope();
        var dropped = keep.dtype == ScalarType.Bool ? keep.logical_not() : keep.eq(0);
        return zeros(dropped.shape, dtype, keep.device).masked_fill(dropped, blocked).MoveToOuterDisposeScope();
    }

    /// <summary>A causal keep mask [length, length]: position i may attend to positions 0..i.</summary>
    public static Tensor CausalKeep(long length, Device? device = null)
    {
        using var scope = NewDisposeScope();
        return ones([length, length], ScalarType.Bool, device).tril().MoveToOuterDisposeScope();
    }
}
