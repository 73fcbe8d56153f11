using Recsys.Model.Text;

namespace Recsys.Model.Encoders;

/// <summary>A masked language model after pre-training, with its tokenizer: <see cref="Encoder"/> embeds item
/// text, <see cref="Save"/> writes the checkpoint directory. Disposing it frees the model.</summary>
public sealed class PretrainedTextEncoder(MaskedLanguageModel model, BertTokenizer tokenizer, MaskedLanguageModelTrainingReport report)
    : IDisposable
{
    public MaskedLanguageModel Model { get; } = model;

    public BertEncoder Encoder => Model.Bert;

    public BertTokenizer Tokenizer { get; } = tokenizer;

    public MaskedLanguageModelTrainingReport Report { get; } = report;

    /// <summary>Writes <c>config.json</c>, <c>vocab.txt</c>, <c>tokenizer_config.json</c> and <c>model.safetensors</c>
    /// (encoder and masked-LM head, Hugging Face's <c>BertForMaskedLM</c> names).</summary>
    public void Save(string directory) => Model.Save(directory, Tokenizer);

    public void Dispose() => Model.Dispose();
}
