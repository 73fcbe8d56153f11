using Recsys.Model.Checkpoints;
using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;

namespace Recsys.Model.Encoders;

/// <summary>Multi-head scaled dot-product self-attention with dropout on the attention weights: Hugging Face's
/// <c>BertSelfAttention</c> (<c>query</c>, <c>key</c>, <c>value</c>).</summary>
public sealed class BertSelfAttention : Module
{
    private readonly long headCount;
    private readonly long headSize;
    private readonly double dropoutProbability;

    public BertSelfAttention(BertConfig config, Device? device = null)
    {
        headCount = config.NumAttentionHeads;
        headSize = config.AttentionHeadSize;
        dropoutProbability = config.AttentionProbsDropoutProb;
        Query = RegisterModule("query", new Linear(config.HiddenSize, config.HiddenSize, device: device));
        Key = RegisterModule("key", new Linear(config.HiddenSize, config.HiddenSize, device: device));
        Value = RegisterModule("value", new Linear(config.HiddenSize, config.HiddenSize, device: device));
    }

    public Linear Query { get; }

    public Linear Key { get; }

    public Linear Value { get; }

    /// <param name="hidden">[batch, length, hidden].</param>
    /// <param name="additiveMask">[batch, 1, 1, length]: 0 for the keys to attend to, a large negative number for padding.</param>
    /// <returns>The heads' outputs side by side: [batch, length, hidden].</returns>
    public Tensor Forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = LibTorch.NewDisposeScope();
        var (batch, length) = (hidden.Size(0), hidden.Size(1));
        Tensor Heads(Linear projection) => projection.Forward(hidden).View(batch, length, headCount, headSize).Transpose(1, 2);

        var context = Functional.ScaledDotProductAttention(Heads(Query), Heads(Key), Heads(Value), additiveMask,
            dropoutProbability, IsTraining);
        return context.Transpose(1, 2).Reshape(batch, length, headCount * headSize).MoveToOuterScope();
    }
}
