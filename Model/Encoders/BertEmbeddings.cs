using Recsys.Model.Checkpoints;
using Recsys.Model.Tensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>The input of the transformer layers: word + position + token-type embeddings, normalised, with
/// dropout. Hugging Face's <c>BertEmbeddings</c>, with its parameter names.</summary>
public sealed class BertEmbeddings : ExplicitModule
{
    public BertEmbeddings(BertConfig config, Device? device = null)
        : base(nameof(BertEmbeddings))
    {
        PaddingIndex = config.PadTokenId;
        WordEmbeddings = Register("word_embeddings",
            nn.Embedding(config.VocabSize, config.HiddenSize, padding_idx: config.PadTokenId, device: device));
        PositionEmbeddings = Register("position_embeddings", nn.Embedding(config.MaxPositionEmbeddings, config.HiddenSize, device: device));
        TokenTypeEmbeddings = Register("token_type_embeddings", nn.Embedding(config.TypeVocabSize, config.HiddenSize, device: device));
        LayerNorm = Register("LayerNorm", nn.LayerNorm([config.HiddenSize], config.LayerNormEps, device: device));
        Dropout = Register("dropout", nn.Dropout(config.HiddenDropoutProb));
    }

    /// <summary>Looked up by the token ids; also the masked-LM decoder's weight.</summary>
    public Embedding WordEmbeddings { get; }

    public Embedding PositionEmbeddings { get; }

    public Embedding TokenTypeEmbeddings { get; }

    public LayerNorm LayerNorm { get; }

    public Dropout Dropout { get; }

    /// <summary>The token whose embedding stays 0 and gets no gradient (<c>pad_token_id</c>).</summary>
    public long PaddingIndex { get; }

    /// <summary>The word embedding's weight [vocabulary, hidden]: the same object on every read until the module is
    /// converted or moved (TorchSharp's <see cref="Embedding.weight"/> makes a new wrapper on every read).</summary>
    public Parameter WordEmbeddingWeight => WordEmbeddings.get_parameter("weight")!;

    /// <param name="inputIds">Token ids [batch, length], int64.</param>
    /// <param name="tokenTypeIds">Segments [batch, length]; null: segment 0 everywhere (one text a row).</param>
    /// <returns>[batch, length, hidden].</returns>
    public Tensor Forward(Tensor inputIds, Tensor? tokenTypeIds = null)
    {
        using var scope = NewDisposeScope();
        var positions = arange(0, inputIds.size(1), dtype: ScalarType.Int64, device: inputIds.device);
        var tokenTypes = tokenTypeIds is null
            ? TokenTypeEmbeddings.get_parameter("weight")!.select(0, 0)
            : TokenTypeEmbeddings.forward(tokenTypeIds);
        var sum = WordEmbeddings.forward(inputIds) + PositionEmbeddings.forward(positions) + tokenTypes;
        return Dropout.forward(LayerNorm.forward(sum)).MoveToOuterDisposeScope();
    }
}
