using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>BERT's initialisation of a new model (Hugging Face's <c>_init_weights</c>): linear and embedding
/// weights from N(0, std²), biases 0, the word embedding's padding row 0, LayerNorm 1 and 0. PyTorch's defaults
/// (uniform within 1/√fan_in, N(0, 1) embeddings) train a transformer from scratch much worse.</summary>
internal static class BertInitialization
{
    public static void Apply(nn.Module module, double std)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var owner in module.modules().Prepend(module))
        {
            switch (owner)
            {
                case Linear linear:
                    nn.init.normal_(linear.weight, 0, std);
                    if (linear.bias is { } bias)
                    {
                        nn.init.zeros_(bias);
                    }

                    break;
                case Embedding embedding:
                    nn.init.normal_(embedding.get_parameter("weight")!, 0, std);
                    break;
                case LayerNorm layerNorm:
                    layerNorm.reset_parameters();
                    break;
            }
        }

        // TorchSharp's Embedding does not say its padding index: the BERT embeddings, which know it, zero the row
        // after the draws above.
        foreach (var embeddings in module.modules().Prepend(module).OfType<BertEmbeddings>())
        {
            embeddings.WordEmbeddingWeight[embeddings.PaddingIndex].zero_();
        }
    }
}
