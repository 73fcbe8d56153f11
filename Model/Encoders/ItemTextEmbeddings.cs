using Recsys.Model.Text;
using Recsys.Model.Tensors;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>Embeds many texts with a text encoder for serving or as fixed features: mean-pooled final hidden
/// states (<see cref="BertEncoder.EncodeMeanPooled"/>), in evaluation mode and without gradients.</summary>
public static class ItemTextEmbeddings
{
    /// <summary>A row of <see cref="BertEncoder.Config"/>.HiddenSize floats for each text: [texts, hidden], in the
    /// texts' order. Texts are batched with others of about their length, so padding costs little.</summary>
    public static float[,] Embed(BertEncoder encoder, TokenizedTexts texts, int batchSize = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var hiddenSize = encoder.Config.HiddenSize;
        var embeddings = new float[texts.Count, hiddenSize];
        var byLength = Enumerable.Range(0, texts.Count).OrderBy(texts.LengthOf).ToArray();
        var device = encoder.Embeddings.WordEmbeddingWeight.device;
        var wasTraining = encoder.training;
        encoder.eval();
        try
        {
            using var noGrad = no_grad();
            for (var start = 0; start < byLength.Length; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var rows = byLength.AsSpan(start, Math.Min(batchSize, byLength.Length - start));
                var (inputIds, attentionMask) = texts.Batch(rows).ToTensors(device);
                var pooled = TensorValues.ToFloats(encoder.EncodeMeanPooled(inputIds, attentionMask).to(ScalarType.Float32));
                for (var i = 0; i < rows.Length; i++)
                {
                    Buffer.BlockCopy(pooled, i * hiddenSize * sizeof(float), embeddings, rows[i] * hiddenSize * sizeof(float), hiddenSize * sizeof(float));
                }
            }
        }
        finally
        {
            encoder.train(wasTraining);
        }

        return embeddings;
    }

    /// <summary><see cref="Embed(BertEncoder, TokenizedTexts, int)"/> of the catalog's items, in its row order.</summary>
    public static float[,] Embed(BertEncoder encoder, TokenizedCatalog catalog, int batchSize = 256) =>
        Embed(encoder, catalog.Texts, batchSize);
}
