using Recsys.Model.Checkpoints;
using Recsys.Model.Tensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>LayerNorm(activation(dense(h))): the transform before the masked-LM decoder, Hugging Face's
/// <c>BertPredictionHeadTransform</c>.</summary>
public sealed class BertPredictionTransform : ExplicitModule
{
    private readonly BertActivation activation;

    public BertPredictionTransform(BertConfig config, Device? device = null)
        : base(nameof(BertPredictionTransform))
    {
        activation = config.HiddenAct;
        Dense = Register("dense", nn.Linear(config.HiddenSize, config.HiddenSize, device: device));
        LayerNorm = Register("LayerNorm", nn.LayerNorm([config.HiddenSize], config.LayerNormEps, device: device));
    }

    public Linear Dense { get; }

    public LayerNorm LayerNorm { get; }

    public Tensor Forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return LayerNorm.forward(activation.Apply(Dense.forward(hidden))).MoveToOuterDisposeScope();
    }
}
