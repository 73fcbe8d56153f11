using Recsys.Model.Checkpoints;
using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;

namespace Recsys.Model.Encoders;

/// <summary>LayerNorm(activation(dense(h))): the transform before the masked-LM decoder, Hugging Face's
/// <c>BertPredictionHeadTransform</c>.</summary>
public sealed class BertPredictionTransform : Module
{
    private readonly BertActivation activation;

    public BertPredictionTransform(BertConfig config, Device? device = null)
    {
        activation = config.HiddenAct;
        Dense = RegisterModule("dense", new Linear(config.HiddenSize, config.HiddenSize, device: device));
        LayerNorm = RegisterModule("LayerNorm", new LayerNorm(config.HiddenSize, config.LayerNormEps, device));
    }

    public Linear Dense { get; }

    public LayerNorm LayerNorm { get; }

    public Tensor Forward(Tensor hidden)
    {
        using var scope = LibTorch.NewDisposeScope();
        return LayerNorm.Forward(activation.Apply(Dense.Forward(hidden))).MoveToOuterScope();
    }
}
