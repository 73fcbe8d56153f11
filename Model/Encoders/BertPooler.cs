using Recsys.Model.Checkpoints;
using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;

namespace Recsys.Model.Encoders;

/// <summary>tanh(dense(h_[CLS])): BERT's summary of a sequence, trained by next-sentence prediction in the original
/// pre-training. Masked-LM training alone leaves it untouched, which is why mean pooling is the better sentence
/// embedding for models trained here.</summary>
public sealed class BertPooler : Module
{
    public BertPooler(BertConfig config, Device? device = null)
    {
        Dense = RegisterModule("dense", new Linear(config.HiddenSize, config.HiddenSize, device: device));
    }

    public Linear Dense { get; }

    /// <param name="hidden">[batch, length, hidden]; position 0 is [CLS].</param>
    /// <returns>[batch, hidden].</returns>
    public Tensor Forward(Tensor hidden)
    {
        using var scope = LibTorch.NewDisposeScope();
        return Dense.Forward(hidden.Select(1, 0)).Tanh().MoveToOuterScope();
    }
}
