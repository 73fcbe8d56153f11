using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;

namespace Recsys.Model.Recommender;

/// <summary>A pre-LayerNorm transformer block (as SASRec and GPT-2): multi-head self-attention under a mask, then
/// a GELU feed-forward layer, each added back to its input with dropout.</summary>
public sealed class CausalSelfAttentionBlock : Module
{
    /// <summary>The feed-forward layer is this many times wider than the block.</summary>
    private const int FeedForwardFactor = 2;

    private readonly long heads;
    private readonly double dropout;

    public CausalSelfAttentionBlock(long dimension, long heads, double dropout, Device? device = null)
    {
        if (dimension % heads != 0)
        {
            throw new ArgumentException($"{heads} heads do not divide a {dimension}-d vector", nameof(heads));
        }

        this.heads = heads;
        this.dropout = dropout;
        AttentionNorm = RegisterModule("attention_norm", new LayerNorm(dimension, device: device));
        Query = RegisterModule("query", new Linear(dimension, dimension, device: device));
        Key = RegisterModule("key", new Linear(dimension, dimension, device: device));
        Value = RegisterModule("value", new Linear(dimension, dimension, device: device));
        Output = RegisterModule("output", new Linear(dimension, dimension, device: device));
        FeedForwardNorm = RegisterModule("feed_forward_norm", new LayerNorm(dimension, device: device));
        Intermediate = RegisterModule("intermediate", new Linear(dimension, FeedForwardFactor * dimension, device: device));
        FeedForwardOutput = RegisterModule("feed_forward_output",
            new Linear(FeedForwardFactor * dimension, dimension, device: device));
        Dropout = RegisterModule("dropout", new Dropout(dropout));
    }

    public LayerNorm AttentionNorm { get; }

    public Linear Query { get; }

    public Linear Key { get; }

    public Linear Value { get; }

    public Linear Output { get; }

    public LayerNorm FeedForwardNorm { get; }

    public Linear Intermediate { get; }

    public Linear FeedForwardOutput { get; }

    public Dropout Dropout { get; }

    /// <param name="hidden">[batch, positions, dimension].</param>
    /// <param name="additiveMask">[batch, 1, positions, positions]: 0 where position i may attend to j, a large
    /// negative number where not.</param>
    public Tensor Forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = LibTorch.NewDisposeScope();
        var (batch, positions, dimension) = (hidden.Size(0), hidden.Size(1), hidden.Size(2));
        var normed = AttentionNorm.Forward(hidden);
        var attended = Functional.ScaledDotProductAttention(SplitHeads(Query.Forward(normed)),
                SplitHeads(Key.Forward(normed)), SplitHeads(Value.Forward(normed)), additiveMask, dropout, IsTraining)
            .Permute(0, 2, 1, 3)
            .Reshape(batch, positions, dimension);
        var afterAttention = hidden + Dropout.Forward(Output.Forward(attended));
        var feedForward = FeedForwardOutput.Forward(Intermediate.Forward(FeedForwardNorm.Forward(afterAttention)).Gelu());
        return (afterAttention + Dropout.Forward(feedForward)).MoveToOuterScope();

        // [batch, positions, dimension] → [batch, heads, positions, dimension / heads]
        Tensor SplitHeads(Tensor projected) =>
            projected.View(batch, positions, heads, dimension / heads).Permute(0, 2, 1, 3);
    }
}
