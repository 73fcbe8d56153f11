using Recsys.Model.Checkpoints;
using Recsys.Model.Tensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>LayerNorm(dropout(dense(x)) + residual): how both sub-layers of a BERT layer end. Hugging Face names it
/// <c>BertSelfOutput</c> after attention and <c>BertOutput</c> after the feed-forward layer; the parameters
/// (<c>dense</c>, <c>LayerNorm</c>) are the same.</summary>
public sealed class BertResidualOutput : ExplicitModule
{
    public BertResidualOutput(long inputSize, BertConfig config, Device? device = null)
        : base(nameof(BertResidualOutput))
    {
        Dense = Register("dense", nn.Linear(inputSize, config.HiddenSize, device: device));
        LayerNorm = Register("LayerNorm", nn.LayerNorm([config.HiddenSize], config.LayerNormEps, device: device));
        Dropout = Register("dropout", nn.Dropout(config.HiddenDropoutProb));
    }

    public Linear Dense { get; }

    public LayerNorm LayerNorm { get; }

    public Dropout Dropout { get; }

    public Tensor Forward(Tensor input, Tensor residual)
    {
        using var scope = NewDisposeScope();
        return LayerNorm.forward(Dropout.forward(Dense.forward(input)) + residual).MoveToOuterDisposeScope();
    }
}
