using Recsys.Model.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Recsys.Model.Tests.Tensors;

/// <summary>Autograd against central differences through the pieces of ours that libtorch's own tests do not
/// cover: attention under <see cref="AttentionMasks"/> (causal, padding, with dropout) and the embedding padding
/// row the models rely on.</summary>
[Collection(TorchCollection.Name)]
public sealed class GradientCheckTests
{
    // Each input draws other values; the cases are built once, in order, so the values are reproducible.
    private static int seed;

    private static readonly Dictionary<string, (Func<Tensor[], Tensor> Function, CheckedInput[] Inputs)> Cases = new()
    {
        ["attention with causal mask"] = (x => nn.functional.scaled_dot_product_attention(x[0], x[1], x[2],
            AttentionMasks.Additive(AttentionMasks.CausalKeep(3), ScalarType.Float64)), [Values(2, 3, 2), Values(2, 3, 2), Values(2, 3, 2)]),
        ["attention with padding mask"] = (x => nn.functional.scaled_dot_product_attention(x[0], x[1], x[2],
            AttentionMasks.Additive(tensor(new long[] { 1, 1, 0 }, [1, 1, 3]), ScalarType.Float64)),
            [Values(1, 2, 3, 2), Values(1, 2, 3, 2), Values(1, 2, 3, 2)]),
        ["attention with padding mask and dropout"] = (x => nn.functional.scaled_dot_product_attention(x[0], x[1], x[2],
            AttentionMasks.Additive(tensor(new long[] { 1, 1, 0 }, [1, 1, 3]), ScalarType.Float64), p: 0.2),
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
        TorchCollection.RequireLibTorch();
        using var embedding = nn.Embedding(3, 2, padding_idx: 0, dtype: ScalarType.Float64);
        using var scope = torch.NewDisposeScope();

        embedding.forward(tensor(new long[] { 0, 1, 0, 2 })).sum().backward();

        Assert.Equal([0.0, 0, 1, 1, 1, 1], embedding.weight!.grad!.data<double>().ToArray());
        Assert.Equal([0.0, 0], embedding.weight![0].data<double>().ToArray());
    }

    private static CheckedInput Values(params long[] shape) => CheckedInput.Random(shape, ++seed);
}
