using Recsys.Model.Checkpoints;
using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;

namespace Recsys.Model.Encoders;

/// <summary>The widening half of the feed-forward sub-layer: activation(dense(x)).</summary>
public sealed class BertIntermediate : Module
{
    private readonly BertActivation activation;

    public BertIntermediate(BertConfig config, Device? device = null)
    {
        activation = config.HiddenAct;
        Dense = RegisterModule("dense", new Linear(config.HiddenSize, config.IntermediateSize, device: device));
    }

    public Linear Dense { get; }

    public Tensor Forward(Tensor hidden)
    {
        using var scope = LibTorch.NewDisposeScope();
        return activation.Apply(Dense.Forward(hidden)).MoveToOuterScope();
    }
}
