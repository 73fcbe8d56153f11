using Recsys.Model.Checkpoints;
using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;

namespace Recsys.Model.Encoders;

/// <summary>LayerNorm(dropout(dense(x)) + residual): how both sub-layers of a BERT layer end. Hugging Face names it
/// <c>BertSelfOutput</c> after attention and <c>BertOutput</c> after the feed-forward layer; the parameters
/// (<c>dense</c>, <c>LayerNorm</c>) are the same.</summary>
public sealed class BertResidualOutput : Module
{
    public BertResidualOutput(long inputSize, BertConfig config, Device? device = null)
    {
        Dense = RegisterModule("dense", new Linear(inputSize, config.HiddenSize, device: device));
        LayerNorm = RegisterModule("LayerNorm", new LayerNorm(config.HiddenSize, config.LayerNormEps, device));
        Dropout = RegisterModule("dropout", new Dropout(config.HiddenDropoutProb));
    }

    public Linear Dense { get; }

    public LayerNorm LayerNorm { get; }

    public Dropout Dropout { get; }

    public Tensor Forward(Tensor input, Tensor residual)
    {
        using var scope = LibTorch.NewDisposeScope();
        return LayerNorm.Forward(Dropout.Forward(Dense.Forward(input)) + residual).MoveToOuterScope();
    }
}
