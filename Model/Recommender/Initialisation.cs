using Recsys.Model.Torch;

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
        using var noGrad = LibTorch.NoGrad();
        using var scope = LibTorch.NewDisposeScope();
        weight.CopyFrom(weight * EmbeddingStd);
    }
}
