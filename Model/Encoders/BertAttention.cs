using Recsys.Model.Checkpoints;
using Recsys.Model.Torch;

namespace Recsys.Model.Encoders;

/// <summary>The attention sub-layer: self-attention (<c>self</c>) then the residual output (<c>output</c>).</summary>
public sealed class BertAttention : Module
{
    public BertAttention(BertConfig config, Device? device = null)
    {
        Self = RegisterModule("self", new BertSelfAttention(config, device));
        Output = RegisterModule("output", new BertResidualOutput(config.HiddenSize, config, device));
    }

    public BertSelfAttention Self { get; }

    public BertResidualOutput Output { get; }

    public Tensor Forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = LibTorch.NewDisposeScope();
        return Output.Forward(Self.Forward(hidden, additiveMask), hidden).MoveToOuterScope();
    }
}
