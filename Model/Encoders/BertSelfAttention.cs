using Recsys.Model.Checkpoints;
using Recsys.Model.Tensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>Multi-head scaled dot-product self-attention with dropout on the attention weights: Hugging Face's
/// <c>BertSelfAttention</c> (<c>query</c>, <c>key</c>, <c>value</c>).</summary>
public sealed class BertSelfAttention : ExplicitModule
{
    private readonly long headCount;
    private readonly long headSize;
    private readonly double dropoutProbability;

    public BertSelfAttention(BertConfig config, Device? device = null)
        : base(nameof(BertSelfAttention))
    {
        headCount = config.NumAttentionHeads;
        headSize = config.AttentionHeadSize;
        dropoutProbability = config.AttentionProbsDropoutProb;
        Query = Register("query", nn.Linear(config.HiddenSize, config.HiddenSize, device: device));
        Key = Register("key", nn.Linear(config.HiddenSize, config.HiddenSize, device: device));
        Value = Register("value", nn.Linear(config.HiddenSize, config.HiddenSize, device: device));
    }

    public Linear Query { get; }

    public Linear Key { get; }

    public Linear Value { get; }

    /// <param name="hidden">[batch, length, hidden].</param>
    /// <param name="additiveMask">[batch, 1, 1, length]: 0 for the keys to attend to, a large negative number for padding.</param>
    /// <returns>The heads' outputs side by side: [batch, length, hidden].</returns>
    public Tensor Forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        var (batch, length) = (hidden.size(0), hidden.size(1));
        Tensor Heads(Linear projection) => projection.forward(hidden).view(batch, length, headCount, headSize).transpose(1, 2);

        // libtorch applies the dropout whenever p > 0, in evaluation too.
        var context = nn.functional.scaled_dot_product_attention(Heads(Query), Heads(Key), Heads(Value), additiveMask,
            training ? dropoutProbability : 0);
        return context.transpose(1, 2).reshape(batch, length, headCount * headSize).MoveToOuterDisposeScope();
    }
}
