using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Recommender;

internal static class Initialisation
{
    /// <summary>BERT's standard deviation for embeddings.</summary>
    public const double EmbeddingStd = 0.02;

    /// <summary>Scales a freshly made embedding table from N(0, 1) to N(0, <see cref="EmbeddingStd"/>²), as BERT
    /// initialises its embeddings: unit-normal rows would dwarf the other parts they are added to. A padding
    /// row stays zero.</summary>
    public static void Shrink(Parameter weight)
    {
        using var noGrad = no_grad();
        weight.mul_(EmbeddingStd);
    }

    /// <summary><see cref="Shrink(Parameter)"/> of the table's weight.</summary>
    public static void Shrink(Embedding table)
    {
        // TorchSharp's Embedding hands out a new wrapper of its weight on each read: this one is ours to free.
        using var weight = table.weight!;
        Shrink(weight);
    }
}
