using Recsys.Model.Checkpoints;
using Recsys.Model.Tensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>The widening half of the feed-forward sub-layer: activation(dense(x)).</summary>
public sealed class BertIntermediate : ExplicitModule
{
    private readonly BertActivation activation;

    public BertIntermediate(BertConfig config, Device? device = null)
        : base(nameof(BertIntermediate))
    {
        activation = config.HiddenAct;
        Dense = Register("dense", nn.Linear(config.HiddenSize, config.IntermediateSize, device: device));
    }

    public Linear Dense { get; }

    public Tensor Forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return activation.Apply(Dense.forward(hidden)).MoveToOuterDisposeScope();
    }
}
