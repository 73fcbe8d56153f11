using System.Runtime.InteropServices;

namespace Recsys.Model.Torch.Interop;

// Model/native/nn.cpp: functional layers, activations, dropout, losses and attention.
internal static unsafe partial class NativeMethods
{
    /// <summary>The activation codes of nn.cpp.</summary>
    internal enum Activation
    {
        Relu = 0,
        Gelu = 1,
        Tanh = 2,
        Sigmoid = 3,
    }

    [LibraryImport(Library)]
    internal static partial nint rt_nn_linear(nint input, nint weight, nint bias);

    [LibraryImport(Library)]
    internal static partial nint rt_nn_embedding(nint weight, nint indices, long paddingIndex);

    [LibraryImport(Library)]
    internal static partial nint rt_nn_layer_norm(nint input, long* normalizedShape, int rank, nint weight, nint bias, double eps);

    [LibraryImport(Library)]
    internal static partial nint rt_nn_activation(nint input, Activation kind);

    [LibraryImport(Library)]
    internal static partial nint rt_nn_dropout(nint input, double probability, int training);

    [LibraryImport(Library)]
    internal static partial nint rt_nn_binary_cross_entropy_with_logits(nint logits, nint targets, nint weight, nint positiveWeight, Reduction reduction);

    [LibraryImport(Library)]
    internal static partial nint rt_nn_cross_entropy(nint logits, nint targets, nint classWeight, Reduction reduction, long ignoreIndex, double labelSmoothing);

    [LibraryImport(Library)]
    internal static partial nint rt_nn_attention(nint query, nint key, nint value, nint mask, double dropoutProbability, int training);
}
