using Recsys.Model.Checkpoints;
using Recsys.Model.Text;
using Recsys.Model.Tensors;

namespace Recsys.Model.Encoders;

/// <summary>The two ways to get a text encoder for a catalog: pre-train a small BERT from scratch on the catalog's
/// text, with a WordPiece vocabulary learnt from the same text, or continue the masked-LM training of a Hugging Face
/// BERT checkpoint on it.</summary>
public static class TextEncoderPretraining
{
    /// <summary>A BERT small enough to pre-train on a catalog on a 2-core CPU in about a minute: 2 layers of width 64
    /// with 4 heads, feed-forward width 128, titles of up to 32 tokens.</summary>
    public static BertConfig SmallConfig(int vocabularySize) => new()
    {
        VocabSize = vocabularySize,
        HiddenSize = 64,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        IntermediateSize = 128,
        MaxPositionEmbeddings = 32,
    };

    /// <summary>Learns a vocabulary from the texts, then pre-trains a new model of <paramref name="shape"/>
    /// (<see cref="SmallConfig"/> by default; its vocab_size becomes the vocabulary's size) on them.</summary>
    public static PretrainedTextEncoder FromScratch(IReadOnlyList<string> texts, WordPieceTrainerOptions? vocabulary = null,
        BertConfig? shape = null, MaskedLanguageModelTrainingOptions? training = null, ComputeDevice? device = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        TorchRuntime.RequireAvailable(device ?? ComputeDevice.Cpu);
        vocabulary ??= new WordPieceTrainerOptions();
        var words = WordPieceTrainer.Train(texts, vocabulary);
        var config = (shape ?? SmallConfig(words.Count)) with { VocabSize = words.Count };
        // Saved in tokenizer_config.json, the limit makes Hugging Face's tokenizer cut texts where the model must.
        var tokenizer = new BertTokenizer(words, vocabulary.Tokenizer with { ModelMaxLength = config.MaxPositionEmbeddings });
        TorchRuntime.Seed((ulong)(training ?? new MaskedLanguageModelTrainingOptions()).Seed);
        return Train(new MaskedLanguageModel(config, device?.ToTorch()), tokenizer, texts, training, progress, cancellationToken);
    }

    /// <summary>Loads a checkpoint directory (<see cref="MaskedLanguageModel.Load"/>) and continues its masked-LM
    /// training on the texts; pass a <paramref name="training"/> learning rate suited to a pre-trained model.</summary>
    public static PretrainedTextEncoder FineTune(string checkpointDirectory, IReadOnlyList<string> texts,
        MaskedLanguageModelTrainingOptions? training = null, ComputeDevice? device = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        TorchRuntime.RequireAvailable(device ?? ComputeDevice.Cpu);
        return Train(MaskedLanguageModel.Load(checkpointDirectory, device?.ToTorch()), BertTokenizer.Load(checkpointDirectory), texts,
            training, progress, cancellationToken);
    }

    private static PretrainedTextEncoder Train(MaskedLanguageModel model, BertTokenizer tokenizer, IReadOnlyList<string> texts,
        MaskedLanguageModelTrainingOptions? training, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            var report = MaskedLanguageModelTrainer.Train(model, tokenizer, texts, training, progress, cancellationToken);
            return new PretrainedTextEncoder(model, tokenizer, report);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
