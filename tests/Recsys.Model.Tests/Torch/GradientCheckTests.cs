using Recsys.Model.Torch;

namespace Recsys.Model.Tests.Torch;

/// <summary>Autograd against central differences for every differentiable operation the Torch layer exposes.</summary>
[Collection(TorchCollection.Name)]
public sealed class GradientCheckTests
{
    // Each input draws other values; the cases are built once, in order, so the values are reproducible.
    private static int seed;

    private static readonly Dictionary<string, (Func<Tensor[], Tensor> Function, CheckedInput[] Inputs)> Cases = new()
    {
        // Element-wise math and activations.
        ["neg"] = (x => x[0].Neg(), [Values(2, 3)]),
        ["exp"] = (x => x[0].Exp(), [Values(2, 3)]),
        ["log"] = (x => x[0].Log(), [Positive(2, 3)]),
        ["sqrt"] = (x => x[0].Sqrt(), [Positive(2, 3)]),
        ["rsqrt"] = (x => x[0].Rsqrt(), [Positive(2, 3)]),
        ["abs"] = (x => x[0].Abs(), [AwayFromZero(2, 3)]),
        ["add tensor (broadcast)"] = (x => x[0] + x[1], [Values(2, 3), Values(3)]),
        ["add scalar"] = (x => x[0] + 1.5, [Values(2, 3)]),
        ["sub tensor (broadcast)"] = (x => x[0] - x[1], [Values(2, 3), Values(2, 1)]),
        ["sub scalar"] = (x => x[0] - 0.5, [Values(2, 3)]),
        ["scalar minus tensor"] = (x => 1.5 - x[0], [Values(2, 3)]),
        ["mul tensor"] = (x => x[0] * x[1], [Values(2, 3), Values(2, 3)]),
        ["mul scalar"] = (x => x[0] * 3, [Values(2, 3)]),
        ["div tensor"] = (x => x[0] / x[1], [Values(2, 3), AwayFromZero(2, 3)]),
        ["div scalar"] = (x => x[0] / 4.0, [Values(2, 3)]),
        ["scalar over tensor"] = (x => 2.0 / x[0], [AwayFromZero(2, 3)]),
        ["pow scalar"] = (x => x[0].Pow(2.5), [Positive(2, 3)]),
        ["pow tensor"] = (x => x[0].Pow(x[1]), [Positive(2, 3), Values(2, 3)]),
        ["maximum"] = (x => x[0].Maximum(x[1]), [Values(2, 3), Values(2, 3)]),
        ["minimum"] = (x => x[0].Minimum(x[1]), [Values(2, 3), Values(2, 3)]),
        ["clamp"] = (x => x[0].Clamp(-1.0, 1.0), [Values(3, 4)]),
        ["clamp below only"] = (x => x[0].Clamp(min: 0.25), [Values(3, 4)]),
        ["relu"] = (x => x[0].Relu(), [AwayFromZero(2, 3)]),
        ["gelu"] = (x => x[0].Gelu(), [Values(2, 3)]),
        ["tanh"] = (x => x[0].Tanh(), [Values(2, 3)]),
        ["sigmoid"] = (x => x[0].Sigmoid(), [Values(2, 3)]),

        // Matrix products.
        ["matmul"] = (x => x[0].MatMul(x[1]), [Values(2, 3), Values(3, 4)]),
        ["matmul batched and broadcast"] = (x => x[0].MatMul(x[1]), [Values(2, 2, 3), Values(3, 4)]),
        ["matmul vector"] = (x => x[0].MatMul(x[1]), [Values(3), Values(3, 2)]),
        ["bmm"] = (x => x[0].Bmm(x[1]), [Values(2, 2, 3), Values(2, 3, 2)]),

        // Reductions and normalisations.
        ["sum"] = (x => x[0].Sum(), [Values(2, 3)]),
        ["sum dim keeping it"] = (x => x[0].Sum(1, keepDim: true), [Values(2, 3)]),
        ["sum dims"] = (x => x[0].Sum([0, 2]), [Values(2, 3, 2)]),
        ["mean"] = (x => x[0].Mean(), [Values(2, 3)]),
        ["mean dim"] = (x => x[0].Mean(-1), [Values(2, 3)]),
        ["logsumexp"] = (x => x[0].LogSumExp(1), [Values(2, 4)]),
        ["max"] = (x => x[0].Max(), [Values(2, 3)]),
        ["min"] = (x => x[0].Min(), [Values(2, 3)]),
        ["max along dim"] = (x => x[0].Max(1).Values, [Values(3, 4)]),
        ["min along dim"] = (x => x[0].Min(0, keepDim: true).Values, [Values(3, 4)]),
        ["topk"] = (x => x[0].TopK(2).Values, [Values(3, 5)]),
        ["softmax"] = (x => x[0].Softmax(-1), [Values(2, 4)]),
        ["log_softmax"] = (x => x[0].LogSoftmax(0), [Values(3, 2)]),

        // Reshaping and indexing.
        ["reshape"] = (x => x[0].Reshape(3, -1), [Values(2, 3, 2)]),
        ["view"] = (x => x[0].View(6), [Values(2, 3)]),
        ["transpose"] = (x => x[0].Transpose(0, 1), [Values(2, 3)]),
        ["permute"] = (x => x[0].Permute(2, 0, 1), [Values(2, 3, 2)]),
        ["unsqueeze"] = (x => x[0].Unsqueeze(1), [Values(2, 3)]),
        ["squeeze dim"] = (x => x[0].Squeeze(1), [Values(2, 1, 3)]),
        ["squeeze"] = (x => x[0].Squeeze(), [Values(1, 3, 1)]),
        ["expand"] = (x => x[0].Expand(4, -1), [Values(1, 3)]),
        ["contiguous"] = (x => x[0].Transpose(0, 1).Contiguous(), [Values(2, 3)]),
        ["narrow"] = (x => x[0].Narrow(1, 1, 2), [Values(2, 4)]),
        ["slice with step"] = (x => x[0].Slice(1, 0, 5, step: 2), [Values(2, 5)]),
        ["select"] = (x => x[0].Select(0, 1), [Values(3, 2)]),
        ["index_select"] = (x => x[0].IndexSelect(0, Longs([2, 0, 2])), [Values(3, 2)]),
        ["gather"] = (x => x[0].Gather(1, Longs([0, 2, 1, 1], 2, 2)), [Values(2, 3)]),
        ["masked_fill"] = (x => x[0].MaskedFill(Bools([true, false, false, true, false, true], 2, 3), -7.0), [Values(2, 3)]),
        ["where"] = (x => LibTorch.Where(Bools([true, false, true], 3), x[0], x[1]), [Values(2, 3), Values(2, 3)]),
        ["cat"] = (x => LibTorch.Cat([x[0], x[1]], 1), [Values(2, 3), Values(2, 2)]),
        ["stack"] = (x => LibTorch.Stack([x[0], x[1]], 1), [Values(2, 3), Values(2, 3)]),
        ["triu"] = (x => x[0].Triu(1), [Values(3, 3)]),
        ["tril"] = (x => x[0].Tril(), [Values(3, 3)]),
        ["clone"] = (x => x[0].Clone(), [Values(2, 3)]),

        // Layers, dropout, losses and attention.
        ["linear"] = (x => Functional.Linear(x[0], x[1], x[2]), [Values(2, 3), Values(4, 3), Values(4)]),
        ["linear without bias"] = (x => Functional.Linear(x[0], x[1]), [Values(2, 2, 3), Values(4, 3)]),
        ["embedding"] = (x => Functional.Embedding(Longs([1, 3, 1, 0], 2, 2), x[0]), [Values(4, 3)]),
        ["layer_norm"] = (x => Functional.LayerNorm(x[0], [4], x[1], x[2], eps: 1e-12), [Values(2, 4), Values(4), Values(4)]),
        ["layer_norm without affine"] = (x => Functional.LayerNorm(x[0], [2, 3]), [Values(2, 2, 3)]),
        ["dropout in training"] = (x => Functional.Dropout(x[0], 0.3, training: true), [Values(4, 5)]),
        ["dropout in evaluation"] = (x => Functional.Dropout(x[0], 0.3, training: false), [Values(2, 3)]),
        ["binary_cross_entropy_with_logits"] = (x => Functional.BinaryCrossEntropyWithLogits(x[0], Doubles([1, 0, 1, 1, 0, 0], 2, 3)), [Values(2, 3)]),
        ["binary_cross_entropy_with_logits weighted, summed"] = (x => Functional.BinaryCrossEntropyWithLogits(
            x[0], Doubles([1, 0, 0.5, 1, 0, 0], 2, 3), Reduction.Sum, weight: Doubles([1, 2, 0.5], 3), positiveWeight: Doubles([3, 1, 2], 3)), [Values(2, 3)]),
        ["binary_cross_entropy_with_logits unreduced"] = (x => Functional.BinaryCrossEntropyWithLogits(x[0], Doubles([0, 1, 1], 3), Reduction.None), [Values(3)]),
        ["cross_entropy with ignore_index"] = (x => Functional.CrossEntropy(x[0], Longs([2, -100, 0, 1])), [Values(4, 3)]),
        ["cross_entropy label smoothing, summed"] = (x => Functional.CrossEntropy(x[0], Longs([2, 1, 0]), Reduction.Sum, labelSmoothing: 0.1), [Values(3, 4)]),
        ["cross_entropy over a sequence, unreduced"] = (x => Functional.CrossEntropy(x[0], Longs([0, 2, 1, 1], 2, 2), Reduction.None, ignoreIndex: 1),
            [Values(2, 3, 2)]),
        ["attention"] = (x => Functional.ScaledDotProductAttention(x[0], x[1], x[2]), [Values(2, 3, 4), Values(2, 5, 4), Values(2, 5, 3)]),
        ["attention with causal mask"] = (x => Functional.ScaledDotProductAttention(x[0], x[1], x[2],
            Functional.AdditiveMask(Functional.CausalKeepMask(3), DType.Float64)), [Values(2, 3, 2), Values(2, 3, 2), Values(2, 3, 2)]),
        ["attention with padding mask and dropout"] = (x => Functional.ScaledDotProductAttention(x[0], x[1], x[2],
            Functional.AdditiveMask(Longs([1, 1, 0], 1, 1, 3), DType.Float64), dropoutProbability: 0.2, training: true),
            [Values(1, 2, 3, 2), Values(1, 2, 3, 2), Values(1, 2, 3, 2)]),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [SkippableTheory]
    [MemberData(nameof(CaseNames))]
    public void Autograd_matches_central_differences(string operation)
    {
        TorchCollection.RequireLibTorch();
        var (function, inputs) = Cases[operation];

        GradientCheck.Assert(function, inputs);
    }

    [SkippableFact]
    public void The_embedding_padding_row_gets_no_gradient()
    {
        using var scope = TorchCollection.OpenScope();
        var weight = LibTorch.Randn([3, 2], DType.Float64);
        weight.RequiresGrad = true;

        Functional.Embedding(Longs([0, 1, 0, 2]), weight, paddingIndex: 0).Sum().Backward();

        Assert.Equal([0, 0, 1, 1, 1, 1], weight.Grad!.ToArray<double>());
    }

    private static CheckedInput Values(params long[] shape) => CheckedInput.Random(shape, ++seed);

    private static CheckedInput Positive(params long[] shape) => CheckedInput.Random(shape, ++seed, min: 0.5, max: 2);

    private static CheckedInput AwayFromZero(params long[] shape) =>
        CheckedInput.Random(shape, ++seed, awayFromZero: 0.25);

    private static Tensor Longs(long[] values, params long[] shape) => LibTorch.FromArray<long>(values, shape.Length == 0 ? [values.Length] : shape);

    private static Tensor Doubles(double[] values, params long[] shape) => LibTorch.FromArray<double>(values, shape);

    private static Tensor Bools(bool[] values, params long[] shape) => LibTorch.FromArray<bool>(values, shape);
}
