using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;

namespace Recsys.Model.Encoders;

/// <summary>BERT's initialisation of a new model (Hugging Face's <c>_init_weights</c>): linear and embedding
/// weights from N(0, std²), biases 0, an embedding's padding row 0, LayerNorm 1 and 0. PyTorch's defaults (uniform
/// within 1/√fan_in, N(0, 1) embeddings) train a transformer from scratch much worse.</summary>
internal static class BertInitialization
{
    public static void Apply(Module module, double std)
    {
        using var noGrad = LibTorch.NoGrad();
        using var scope = LibTorch.NewDisposeScope();
        foreach (var (_, owner) in module.NamedModules())
        {
            switch (owner)
            {
                case Linear linear:
                    Fill(linear.Weight, std);
                    if (linear.Bias is { } bias)
                    {
                        bias.CopyFrom(LibTorch.Zeros(bias.Shape, bias.DType, bias.Device));
                    }

                    break;
                case Embedding embedding:
                    Fill(embedding.Weight, std, embedding.PaddingIndex);
                    break;
            }
        }
    }

    /// <summary>Draws <paramref name="parameter"/> from N(0, std²), with the row <paramref name="zeroRow"/> 0.</summary>
    public static void Fill(Parameter parameter, double std, long? zeroRow = null)
    {
        using var scope = LibTorch.NewDisposeScope();
        var values = LibTorch.Randn(parameter.Shape, parameter.DType, parameter.Device) * std;
        if (zeroRow is { } row)
        {
            values = values.MaskedFill(LibTorch.Arange(0, parameter.Size(0), device: parameter.Device).Eq(row).Unsqueeze(1), 0);
        }

        parameter.CopyFrom(values);
    }
}
