using Recsys.Model.Checkpoints;
using Recsys.Model.Torch;

namespace Recsys.Model.Encoders;

/// <summary>Scores every vocabulary token at a position: transform(h) · Eᵀ + bias, where E is the word embedding
/// itself. Hugging Face's <c>BertLMPredictionHead</c> (<c>transform</c>, <c>bias</c>); its decoder weight is tied to
/// the word embedding, so it is not a parameter of its own here: it is neither saved (Hugging Face ties it again
/// on loading) nor updated twice by the optimizer.</summary>
public sealed class MaskedLanguageModelHead : Module
{
    public MaskedLanguageModelHead(BertConfig config, Parameter wordEmbeddings)
    {
        Transform = RegisterModule("transform", new BertPredictionTransform(config, wordEmbeddings.Device));
        Bias = RegisterParameter("bias", Parameter.Constant([config.VocabSize], 0, device: wordEmbeddings.Device));
        DecoderWeight = wordEmbeddings;
    }

    public BertPredictionTransform Transform { get; }

    /// <summary>The word embedding [vocabulary, hidden] of the encoder, shared.</summary>
    public Parameter DecoderWeight { get; }

    public Parameter Bias { get; }

    /// <param name="hidden">[..., hidden].</param>
    /// <returns>Logits [..., vocabulary].</returns>
    public Tensor Forward(Tensor hidden)
    {
        using var scope = LibTorch.NewDisposeScope();
        return Functional.Linear(Transform.Forward(hidden), DecoderWeight, Bias).MoveToOuterScope();
    }
}
