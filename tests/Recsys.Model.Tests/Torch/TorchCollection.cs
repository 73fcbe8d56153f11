using Recsys.Model.Torch;

namespace Recsys.Model.Tests.Torch;

/// <summary>Tests that make tensors. They run one at a time and apart from other collections, because
/// <see cref="Tensor.LiveCount"/> counts the tensors of every thread and the timing tests want the CPU.
/// Other test classes that make tensors should join this collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "torch";

    /// <summary>Skips the calling test, saying how to install libtorch, when the native library does not load.</summary>
    public static void RequireLibTorch() => Skip.IfNot(LibTorch.IsAvailable, LibTorch.UnavailableReason);

    /// <summary><see cref="RequireLibTorch"/>, then <see cref="CollectGarbage"/>; returns the settled
    /// <see cref="Tensor.LiveCount"/> for a test to compare with at its end.</summary>
    public static long StartCountingTensors()
    {
        RequireLibTorch();
        CollectGarbage();
        return Tensor.LiveCount;
    }

    /// <summary>Runs pending finalizers, so that tensors leaked earlier do not change
    /// <see cref="Tensor.LiveCount"/> in the middle of a count.</summary>
    public static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary><see cref="RequireLibTorch"/>, then a dispose scope for the tensors of the test.</summary>
    public static DisposeScope OpenScope()
    {
        RequireLibTorch();
        return LibTorch.NewDisposeScope();
    }
}
