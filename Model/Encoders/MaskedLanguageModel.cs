using Recsys.Model.Checkpoints;
using Recsys.Model.Data;
using Recsys.Model.Tensors;
using Recsys.Model.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>A BERT encoder with the masked-language-model head, Hugging Face's <c>BertForMaskedLM</c>:
/// <c>bert.*</c> and <c>cls.predictions.*</c>, the decoder tied to the word embedding. Pre-training it on catalog
/// text (<see cref="MaskedLanguageModelTrainer"/>) gives <see cref="Bert"/> its weights.</summary>
public sealed class MaskedLanguageModel : ExplicitModule
{
    /// <summary>The label of positions that are not predicted, as in Hugging Face (PyTorch's default ignore index).</summary>
    public const long IgnoreIndex = -100;

    private const string HeadModuleName = "cls";

    /// <summary>A new model with BERT's initialisation.</summary>
    public MaskedLanguageModel(BertConfig config, Device? device = null)
        : this(new BertEncoder(config, device))
    {
    }

    /// <summary>The head, newly initialised, on an encoder that this model then owns (disposes).</summary>
    public MaskedLanguageModel(BertEncoder bert)
        : base(nameof(MaskedLanguageModel))
    {
        Bert = Register("bert", bert);
        Head = Register(HeadModuleName, new HeadContainer(new MaskedLanguageModelHead(bert.Config, bert.Embeddings.WordEmbeddings))).Predictions;
        BertInitialization.Apply(Head, bert.Config.InitializerRange);
        Head.to(bert.Embeddings.WordEmbeddingWeight.dtype);
    }

    public BertEncoder Bert { get; }

    /// <summary>Registered as <c>cls.predictions</c>.</summary>
    public MaskedLanguageModelHead Head { get; }

    public BertConfig Config => Bert.Config;

    /// <summary>The model of a checkpoint directory, in evaluation mode: the encoder's weights as
    /// <see cref="BertEncoder.Load"/> reads them, and the head's from the same file when it has them (a
    /// <c>BertForMaskedLM</c> checkpoint); a checkpoint of a bare <c>BertModel</c> gets a new head. Its tokenizer is
    /// <see cref="BertTokenizer.Load"/> of the same directory.</summary>
    /// <exception cref="DataFormatException">A file is malformed, or the file has some of the head's weights but not all.</exception>
    public static MaskedLanguageModel Load(string directory, Device? device = null)
    {
        var model = new MaskedLanguageModel(BertEncoder.Load(directory, device));
        try
        {
            LoadHead(model, Path.Combine(directory, BertCheckpoint.WeightsFileName));
            model.eval();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Scores of every vocabulary token at every position: [batch, length, vocabulary].</summary>
    public Tensor Logits(Tensor inputIds, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        return Head.Forward(Bert.Encode(inputIds, attentionMask)).MoveToOuterDisposeScope();
    }

    /// <summary>The mean cross-entropy of the predictions of the positions whose label (int64 [batch, length]) is a
    /// token id rather than <see cref="IgnoreIndex"/>: Hugging Face's masked-LM loss.</summary>
    /// <remarks>Only the labelled positions are decoded: the decoder is as wide as the vocabulary, so decoding every
    /// position would cost a small model several times its transformer layers.</remarks>
    public Tensor Loss(Tensor inputIds, Tensor attentionMask, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var (predictedLabels, hidden) = Predicted(inputIds, attentionMask, labels);
        return nn.functional.cross_entropy(Head.Forward(hidden), predictedLabels, ignore_index: IgnoreIndex).MoveToOuterDisposeScope();
    }

    /// <summary>The loss (as <see cref="Loss"/>) and how many labelled positions the model's best guess gets right.</summary>
    public (Tensor Loss, long Correct, long Predicted) LossAndAccuracy(Tensor inputIds, Tensor attentionMask, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var (predictedLabels, hidden) = Predicted(inputIds, attentionMask, labels);
        var logits = Head.Forward(hidden);
        var correct = logits.argmax(-1).eq(predictedLabels).to(ScalarType.Int64).sum().item<long>();
        var loss = nn.functional.cross_entropy(logits, predictedLabels, ignore_index: IgnoreIndex);
        return (loss.MoveToOuterDisposeScope(), correct, predictedLabels.size(0));
    }

    /// <summary>Writes a checkpoint directory that <see cref="Load"/>, <see cref="BertEncoder.Load"/> and Hugging
    /// Face's <c>BertForMaskedLM</c> and <c>BertModel</c> read.</summary>
    public void Save(string directory, BertTokenizer tokenizer) =>
        BertCheckpointWriter.Write(directory, Config, tokenizer, state_dict());

    /// <returns>The labels of the labelled positions and the final hidden states there: [predicted], [predicted, hidden].</returns>
    private (Tensor Labels, Tensor Hidden) Predicted(Tensor inputIds, Tensor attentionMask, Tensor labels)
    {
        var flatLabels = labels.reshape(-1);
        var predicted = flatLabels.ne(IgnoreIndex).nonzero().view(-1);
        var hidden = Bert.Encode(inputIds, attentionMask);
        return (flatLabels.index_select(0, predicted), hidden.reshape(-1, hidden.size(-1)).index_select(0, predicted));
    }

    private static void LoadHead(MaskedLanguageModel model, string path)
    {
        const string prefix = $"{HeadModuleName}.{HeadContainer.PredictionsName}.";
        using var file = SafeTensorsFile.Open(path);
        var headNames = model.Head.named_parameters().Select(named => named.name).ToHashSet(StringComparer.Ordinal);
        var found = file.Entries
            .Select(entry => (Stored: entry.Name, Name: BertParameterNames.Normalize(entry.Name)))
            .Where(names => names.Name.StartsWith(prefix, StringComparison.Ordinal) && headNames.Contains(names.Name[prefix.Length..]))
            .ToDictionary(names => names.Name[prefix.Length..], names => names.Stored, StringComparer.Ordinal);
        if (found.Count == 0)
        {
            return;
        }

        var missing = headNames.Where(name => !found.ContainsKey(name)).Select(name => prefix + name).ToList();
        if (missing.Count > 0)
        {
            throw new DataFormatException(path, null, $"the masked-LM head is incomplete: missing {string.Join(", ", missing)}");
        }

        using var scope = NewDisposeScope();
        StateDicts.Load(model.Head, found.ToDictionary(
            pair => pair.Key,
            pair => tensor(file.ReadFloats(pair.Value), file.GetEntry(pair.Value).Shape.ToArray())));
    }

    /// <summary>The <c>cls</c> level of Hugging Face's names, which holds the prediction head.</summary>
    private sealed class HeadContainer : ExplicitModule
    {
        public const string PredictionsName = "predictions";

        public HeadContainer(MaskedLanguageModelHead predictions)
            : base(nameof(HeadContainer))
        {
            Predictions = Register(PredictionsName, predictions);
        }

        public MaskedLanguageModelHead Predictions { get; }
    }
}
