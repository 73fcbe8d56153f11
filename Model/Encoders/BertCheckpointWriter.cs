using Recsys.Model.Checkpoints;
using Recsys.Model.Tensors;
using Recsys.Model.Text;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>Writes the checkpoint directories of our BERT models in Hugging Face's layout.</summary>
internal static class BertCheckpointWriter
{
    /// <summary>transformers refuses safetensors files whose metadata does not name their framework.</summary>
    private static readonly Dictionary<string, string> Metadata = new() { ["format"] = "pt" };

    public static void Write(string directory, BertConfig config, BertTokenizer tokenizer, IEnumerable<KeyValuePair<string, Tensor>> weights)
    {
        BertCheckpoint.WriteMetadata(directory, config, tokenizer);
        TensorCheckpoint.Save(Path.Combine(directory, BertCheckpoint.WeightsFileName), weights, Metadata);
    }
}
