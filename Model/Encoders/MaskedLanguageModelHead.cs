using Recsys.Model.Checkpoints;
using Recsys.Model.Tensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>Scores every vocabulary token at a position: transform(h) · Eᵀ + bias, where E is the word embedding
/// itself. Hugging Face's <c>BertLMPredictionHead</c> (<c>transform</c>, <c>bias</c>); its decoder weight is tied to
/// the word embedding, so it is not a parameter of its own here: it is neither saved (Hugging Face ties it again
/// on loading) nor updated twice by the optimizer.</summary>
public sealed class MaskedLanguageModelHead : ExplicitModule
{
    private const string BiasName = "bias";

    private readonly Embedding wordEmbeddings;

    /// <param name="wordEmbeddings">The encoder's word embedding, whose weight the decoder uses.</param>
    public MaskedLanguageModelHead(BertConfig config, Embedding wordEmbeddings)
        : base(nameof(MaskedLanguageModelHead))
    {
        this.wordEmbeddings = wordEmbeddings;
        var device = wordEmbeddings.get_parameter("weight")!.device;
        Transform = Register("transform", new BertPredictionTransform(config, device));
        Register(BiasName, new Parameter(zeros(config.VocabSize, device: device)));
    }

    public BertPredictionTransform Transform { get; }

    /// <summary>The word embedding [vocabulary, hidden] of the encoder, shared. Read from the embedding each time:
    /// TorchSharp replaces parameter objects when a module is converted or moved, and the tie must follow.</summary>
    public Parameter DecoderWeight => wordEmbeddings.get_parameter("weight")!;

    /// <summary>Read from the registry each time for the same reason as <see cref="DecoderWeight"/>.</summary>
    public Parameter Bias => get_parameter(BiasName)!;

    /// <param name="hidden">[..., hidden].</param>
    /// <returns>Logits [..., vocabulary].</returns>
    public Tensor Forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return nn.functional.linear(Transform.Forward(hidden), DecoderWeight, Bias).MoveToOuterDisposeScope();
    }
}
