using Recsys.Model.Checkpoints;
using Recsys.Model.Tensors;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>The attention sub-layer: self-attention (<c>self</c>) then the residual output (<c>output</c>).</summary>
public sealed class BertAttention : ExplicitModule
{
    public BertAttention(BertConfig config, Device? device = null)
        : base(nameof(BertAttention))
    {
        Self = Register("self", new BertSelfAttention(config, device));
        Output = Register("output", new BertResidualOutput(config.HiddenSize, config, device));
    }

    public BertSelfAttention Self { get; }

    public BertResidualOutput Output { get; }

    public Tensor Forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        return Output.Forward(Self.Forward(hidden, additiveMask), hidden).MoveToOuterDisposeScope();
    }
}
