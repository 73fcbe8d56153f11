using Recsys.Model.Checkpoints;
using Recsys.Model.Tensors;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>One transformer layer (post-LayerNorm, as BERT): <c>attention</c>, then the feed-forward sub-layer
/// <c>intermediate</c> and <c>output</c>.</summary>
public sealed class BertLayer : ExplicitModule
{
    public BertLayer(BertConfig config, Device? device = null)
        : base(nameof(BertLayer))
    {
        Attention = Register("attention", new BertAttention(config, device));
        Intermediate = Register("intermediate", new BertIntermediate(config, device));
        Output = Register("output", new BertResidualOutput(config.IntermediateSize, config, device));
    }

    public BertAttention Attention { get; }

    public BertIntermediate Intermediate { get; }

    public BertResidualOutput Output { get; }

    public Tensor Forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        var attended = Attention.Forward(hidden, additiveMask);
        return Output.Forward(Intermediate.Forward(attended), attended).MoveToOuterDisposeScope();
    }
}
