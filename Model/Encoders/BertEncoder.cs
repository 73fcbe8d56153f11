using Recsys.Model.Checkpoints;
using Recsys.Model.Tensors;
using Recsys.Model.Text;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>A BERT encoder, Hugging Face's <c>BertModel</c>, on TorchSharp: <c>embeddings</c>, the transformer
/// layers (<c>encoder.layer.N</c>) and the <c>pooler</c>, with Hugging Face's parameter names, so a checkpoint's
/// weights load by name (<see cref="FromCheckpoint"/>) and ours load in PyTorch (<see cref="Save"/>).</summary>
/// <remarks>Inputs are int64 [batch, length] tensors: token ids and an attention mask of 1 at tokens and 0 at
/// padding, as <see cref="BertTokenizer.EncodeBatch"/> makes them. Every method also runs with gradients, so the
/// encoder can be fine-tuned inside another model that registers it as a child module.</remarks>
public sealed class BertEncoder : ExplicitModule
{
    /// <summary>A new encoder with BERT's initialisation (weights from N(0, initializer_range²)).</summary>
    public BertEncoder(BertConfig config, Device? device = null)
        : base(nameof(BertEncoder))
    {
        var problems = config.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"invalid BERT config: {string.Join("; ", problems)}", nameof(config));
        }

        Config = config;
        Embeddings = Register("embeddings", new BertEmbeddings(config, device));
        Layers = Register("encoder", new BertLayerStack(config, device));
        Pooler = Register("pooler", new BertPooler(config, device));
        BertInitialization.Apply(this, config.InitializerRange);
    }

    public BertConfig Config { get; }

    public BertEmbeddings Embeddings { get; }

    /// <summary>The transformer layers, registered as <c>encoder</c>.</summary>
    public BertLayerStack Layers { get; }

    public BertPooler Pooler { get; }

    /// <summary>An encoder holding a checkpoint's weights, in evaluation mode. A checkpoint without the pooler
    /// (saved from a masked-LM model) leaves the pooler newly initialised, as Hugging Face does.</summary>
    public static BertEncoder FromCheckpoint(BertCheckpoint checkpoint, Device? device = null)
    {
        var encoder = new BertEncoder(checkpoint.Config, device);
        try
        {
            using var scope = NewDisposeScope();
            var state = checkpoint.Weights.ToDictionary(
                weight => weight.Key,
                weight => tensor(weight.Value.Values, weight.Value.Shape.ToArray()));
            StateDicts.Load(encoder, state, strict: checkpoint.HasPooler);
            encoder.eval();
            return encoder;
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    /// <summary><see cref="FromCheckpoint"/> of a checkpoint directory; its tokenizer is
    /// <see cref="BertTokenizer.Load"/> of the same directory.</summary>
    /// <exception cref="Data.DataFormatException">A file of the checkpoint is malformed or does not fit the config.</exception>
    public static BertEncoder Load(string directory, Device? device = null) =>
        FromCheckpoint(BertCheckpoint.Load(directory, requirePooler: false), device);

    /// <summary>The final hidden states and the pooled summary.</summary>
    /// <param name="tokenTypeIds">Segments [batch, length]; null: one text a row (segment 0).</param>
    public BertEncoderOutput Forward(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds = null)
    {
        var hidden = Encode(inputIds, attentionMask, tokenTypeIds);
        return new BertEncoderOutput(hidden, Pooler.Forward(hidden));
    }

    /// <summary>The final hidden state at every position: [batch, length, hidden].</summary>
    /// <exception cref="ArgumentException">The sequences are longer than the position embedding covers.</exception>
    public Tensor Encode(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds = null)
    {
        var (batch, length) = (inputIds.size(0), inputIds.size(1));
        if (length > Config.MaxPositionEmbeddings)
        {
            throw new ArgumentException(
                $"sequences of {length} tokens are longer than max_position_embeddings {Config.MaxPositionEmbeddings}", nameof(inputIds));
        }

        using var scope = NewDisposeScope();
        var embedded = Embeddings.Forward(inputIds, tokenTypeIds);
        var mask = AttentionMasks.Additive(attentionMask, embedded.dtype).view(batch, 1, 1, length);
        return Layers.Forward(embedded, mask).MoveToOuterDisposeScope();
    }

    /// <summary>The mean of the final hidden states over each sequence's tokens ([CLS] and [SEP] included, padding
    /// not): [batch, hidden]. A better embedding of a short text than the pooler, which masked-LM training does not
    /// train.</summary>
    public Tensor EncodeMeanPooled(Tensor inputIds, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        return MeanPool(Encode(inputIds, attentionMask), attentionMask).MoveToOuterDisposeScope();
    }

    /// <summary>The mean of <paramref name="hidden"/> [batch, length, hidden] over the positions where
    /// <paramref name="attentionMask"/> [batch, length] is 1; a row without any gives zeros.</summary>
    public static Tensor MeanPool(Tensor hidden, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        var weights = attentionMask.to(hidden.dtype).unsqueeze(-1);
        return ((hidden * weights).sum(1) / weights.sum(1).clamp_min(1)).MoveToOuterDisposeScope();
    }

    /// <summary>Writes a checkpoint directory that <see cref="Load"/> and Hugging Face's <c>BertModel</c> read:
    /// <c>config.json</c>, <c>vocab.txt</c>, <c>tokenizer_config.json</c> and <c>model.safetensors</c>.</summary>
    public void Save(string directory, BertTokenizer tokenizer) =>
        BertCheckpointWriter.Write(directory, Config, tokenizer, state_dict());
}
