using Recsys.Model.Checkpoints;
using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;

namespace Recsys.Model.Encoders;

/// <summary>The input of the transformer layers: word + position + token-type embeddings, normalised, with
/// dropout. Hugging Face's <c>BertEmbeddings</c>, with its parameter names.</summary>
public sealed class BertEmbeddings : Module
{
    public BertEmbeddings(BertConfig config, Device? device = null)
    {
        WordEmbeddings = RegisterModule("word_embeddings",
            new Embedding(config.VocabSize, config.HiddenSize, paddingIndex: config.PadTokenId, device: device));
        PositionEmbeddings = RegisterModule("position_embeddings", new Embedding(config.MaxPositionEmbeddings, config.HiddenSize, device: device));
        TokenTypeEmbeddings = RegisterModule("token_type_embeddings", new Embedding(config.TypeVocabSize, config.HiddenSize, device: device));
        LayerNorm = RegisterModule("LayerNorm", new LayerNorm(config.HiddenSize, config.LayerNormEps, device));
        Dropout = RegisterModule("dropout", new Dropout(config.HiddenDropoutProb));
    }

    public Embedding WordEmbeddings { get; }

    public Embedding PositionEmbeddings { get; }

    public Embedding TokenTypeEmbeddings { get; }

    public LayerNorm LayerNorm { get; }

    public Dropout Dropout { get; }

    /// <param name="inputIds">Token ids [batch, length], int64.</param>
    /// <param name="tokenTypeIds">Segments [batch, length]; null: segment 0 everywhere (one text a row).</param>
    /// <returns>[batch, length, hidden].</returns>
    public Tensor Forward(Tensor inputIds, Tensor? tokenTypeIds = null)
    {
        using var scope = LibTorch.NewDisposeScope();
        var positions = LibTorch.Arange(0, inputIds.Size(1), device: inputIds.Device);
        var tokenTypes = tokenTypeIds is null
            ? TokenTypeEmbeddings.Weight.Select(0, 0)
            : TokenTypeEmbeddings.Forward(tokenTypeIds);
        var sum = WordEmbeddings.Forward(inputIds) + PositionEmbeddings.Forward(positions) + tokenTypes;
        return Dropout.Forward(LayerNorm.Forward(sum)).MoveToOuterScope();
    }
}
