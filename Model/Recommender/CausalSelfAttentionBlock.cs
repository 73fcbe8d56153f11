using Recsys.Model.Tensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Recommender;

/// <summary>A pre-LayerNorm transformer block (as SASRec and GPT-2): multi-head self-attention under a mask, then
/// a GELU feed-forward layer, each added back to its input with dropout.</summary>
public sealed class CausalSelfAttentionBlock : ExplicitModule
{
    /// <summary>The feed-forward layer is this many times wider than the block.</summary>
    private const int FeedForwardFactor = 2;

    private readonly long heads;
    private readonly double dropout;

    public CausalSelfAttentionBlock(long dimension, long heads, double dropout, Device? device = null)
        : base(nameof(CausalSelfAttentionBlock))
    {
        if (dimension % heads != 0)
        {
            throw new ArgumentException($"{heads} heads do not divide a {dimension}-d vector", nameof(heads));
        }

        this.heads = heads;
        this.dropout = dropout;
        AttentionNorm = Register("attention_norm", nn.LayerNorm([dimension], device: device));
        Query = Register("query", nn.Linear(dimension, dimension, device: device));
        Key = Register("key", nn.Linear(dimension, dimension, device: device));
        Value = Register("value", nn.Linear(dimension, dimension, device: device));
        Output = Register("output", nn.Linear(dimension, dimension, device: device));
        FeedForwardNorm = Register("feed_forward_norm", nn.LayerNorm([dimension], device: device));
        Intermediate = Register("intermediate", nn.Linear(dimension, FeedForwardFactor * dimension, device: device));
        FeedForwardOutput = Register("feed_forward_output",
            nn.Linear(FeedForwardFactor * dimension, dimension, device: device));
        Dropout = Register("dropout", nn.Dropout(dropout));
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
        using var scope = NewDisposeScope();
        var (batch, positions, dimension) = (hidden.size(0), hidden.size(1), hidden.size(2));
        var normed = AttentionNorm.forward(hidden);
        // libtorch drops attention weights whenever p > 0, in evaluation too: only training passes it.
        var attended = nn.functional.scaled_dot_product_attention(SplitHeads(Query.forward(normed)),
                SplitHeads(Key.forward(normed)), SplitHeads(Value.forward(normed)), additiveMask, training ? dropout : 0)
            .permute(0, 2, 1, 3)
            .reshape(batch, positions, dimension);
        var afterAttention = hidden + Dropout.forward(Output.forward(attended));
        var feedForward = FeedForwardOutput.forward(Intermediate.forward(FeedForwardNorm.forward(afterAttention)).gelu());
        return (afterAttention + Dropout.forward(feedForward)).MoveToOuterDisposeScope();

        // [batch, positions, dimension] → [batch, heads, positions, dimension / heads]
        Tensor SplitHeads(Tensor projected) =>
            projected.view(batch, positions, heads, dimension / heads).permute(0, 2, 1, 3);
    }
}
