using Recsys.Model.Torch.Interop;

namespace Recsys.Model.Torch;

/// <summary>How a loss combines the losses of its elements. The numbers are libtorch's at::Reduction.</summary>
public enum Reduction
{
    None = 0,
    Mean = 1,
    Sum = 2,
}

/// <summary>Neural-network operations without state: the modules hold the parameters and call these.
/// Activations are methods of <see cref="Tensor"/> (Relu, Gelu, Tanh, Sigmoid, Softmax).</summary>
public static unsafe class Functional
{
    /// <summary>x Wᵀ + b for weight [out, in] and bias [out] (or none).</summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null) =>
        Tensor.Result(NativeMethods.rt_nn_linear(input.Handle, weight.Handle, bias?.Handle ?? 0), "linear", input, weight, bias);

    /// <summary>The rows of <paramref name="weight"/> [count, dim] named by the int64 <paramref name="indices"/>;
    /// the row <paramref name="paddingIndex"/> (when given) gets no gradient.</summary>
    public static Tensor Embedding(Tensor indices, Tensor weight, long? paddingIndex = null) =>
        Tensor.Result(NativeMethods.rt_nn_embedding(weight.Handle, indices.Handle, paddingIndex ?? -1), "embedding", indices, weight);

    /// <summary>Normalizes over the trailing <paramref name="normalizedShape"/> dims to mean 0 and variance 1
    /// (biased, plus <paramref name="eps"/>), then scales by weight and shifts by bias when given.</summary>
    public static Tensor LayerNorm(Tensor input, ReadOnlySpan<long> normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        fixed (long* shape = normalizedShape)
        {
            var result = NativeMethods.rt_nn_layer_norm(input.Handle, shape, normalizedShape.Length, weight?.Handle ?? 0, bias?.Handle ?? 0, eps);
            return Tensor.Result(result, "layer_norm", input, weight, bias);
        }
    }

    /// <summary>In training, zeroes each element with probability <paramref name="probability"/> and scales the
    /// rest by 1 / (1 - p); otherwise returns the input's values.</summary>
    public static Tensor Dropout(Tensor input, double probability, bool training) =>
        Tensor.Result(NativeMethods.rt_nn_dropout(input.Handle, probability, training ? 1 : 0), "dropout", input);

    /// <summary>Binary cross-entropy of sigmoid(logits) against targets in [0, 1] (same shape), computed stably
    /// from the logits. <paramref name="weight"/> rescales each element's loss; <paramref name="positiveWeight"/>
    /// the positive term per class.</summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor targets, Reduction reduction = Reduction.Mean,
        Tensor? weight = null, Tensor? positiveWeight = null)
    {
        var result = NativeMethods.rt_nn_binary_cross_entropy_with_logits(
            logits.Handle, targets.Handle, weight?.Handle ?? 0, positiveWeight?.Handle ?? 0, reduction);
        return Tensor.Result(result, "binary_cross_entropy_with_logits", logits, targets, weight, positiveWeight);
    }

    /// <summary>Cross-entropy of logits [N, C] (or [N, C, d...]) against int64 class indices [N] (or [N, d...]).
    /// Targets equal to <paramref name="ignoreIndex"/> (masked-LM positions not predicted) add nothing, and the
    /// mean is over the others.</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor targets, Reduction reduction = Reduction.Mean, long ignoreIndex = -100,
        double labelSmoothing = 0, Tensor? classWeight = null)
    {
        var result = NativeMethods.rt_nn_cross_entropy(logits.Handle, targets.Handle, classWeight?.Handle ?? 0, reduction, ignoreIndex, labelSmoothing);
        return Tensor.Result(result, "cross_entropy", logits, targets, classWeight);
    }

    /// <summary>softmax(q kᵀ / √d + mask) v over the last two dims of query [..., Lq, d], key [..., Lk, d] and
    /// value [..., Lk, dv], with dropout on the attention weights in training. The mask is additive and
    /// broadcasts to [..., Lq, Lk]: 0 where a query may attend, a large negative number where it may not (see
    /// <see cref="AdditiveMask"/>).</summary>
    public static Tensor ScaledDotProductAttention(Tensor query, Tensor key, Tensor value, Tensor? mask = null,
        double dropoutProbability = 0, bool training = false)
    {
        var result = NativeMethods.rt_nn_attention(query.Handle, key.Handle, value.Handle, mask?.Handle ?? 0, dropoutProbability, training ? 1 : 0);
        return Tensor.Result(result, "scaled_dot_product_attention", query, key, value, mask);
    }

    /// <summary>An additive attention mask of <paramref name="dtype"/> from a keep mask (bool, or 1/0 as in a
    /// BERT attention_mask): 0 where kept, a large negative number where not. The number stays finite so that
    /// a row with nothing to attend to gives a uniform average instead of NaN.</summary>
    public static Tensor AdditiveMask(Tensor keep, DType dtype = DType.Float32)
    {
        // -1e4 fits float16; wider types take a value that drowns any score.
        var blocked = dtype == DType.Float16 ? -1e4 : -1e9;
        using var scope = LibTorch.NewDisposeScope();
        var dropped = keep.DType == DType.Bool ? keep.LogicalNot() : keep.Eq(0);
        return LibTorch.Zeros(dropped.Shape, dtype, keep.Device).MaskedFill(dropped, blocked).MoveToOuterScope();
    }

    /// <summary>A causal keep mask [length, length]: position i may attend to positions 0..i.</summary>
    public static Tensor CausalKeepMask(long length, Device? device = null)
    {
        using var scope = LibTorch.NewDisposeScope();
        return LibTorch.Ones([length, length], DType.Bool, device).Tril().MoveToOuterScope();
    }
}
