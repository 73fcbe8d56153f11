using Recsys.Model.Checkpoints;
using Recsys.Model.Tensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>tanh(dense(h_[CLS])): BERT's summary of a sequence, trained by next-sentence prediction in the original
/// pre-training. Masked-LM training alone leaves it untouched, which is why mean pooling is the better sentence
/// embedding for models trained here.</summary>
public sealed class BertPooler : ExplicitModule
{
    public BertPooler(BertConfig config, Device? device = null)
        : base(nameof(BertPooler))
    {
        Dense = Register("dense", nn.Linear(config.HiddenSize, config.HiddenSize, device: device));
    }

    public Linear Dense { get; }

    /// <param name="hidden">[batch, length, hidden]; position 0 is [CLS].</param>
    /// <returns>[batch, hidden].</returns>
    public Tensor Forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return Dense.forward(hidden.select(1, 0)).tanh().MoveToOuterDisposeScope();
    }
}
