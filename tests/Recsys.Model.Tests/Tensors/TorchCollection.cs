using Recsys.Model.Tensors;
using TorchSharp;

namespace Recsys.Model.Tests.Tensors;

/// <summary>Tests that make tensors. They run one at a time and apart from other collections, because
/// <see cref="torch.Tensor.TotalCount"/> counts the tensors of every thread and the timing tests want the CPU.
/// Other test classes that make tensors should join this collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "torch";

    /// <summary>Skips the calling test, saying why, when TorchSharp's libtorch does not load here
    /// (<see cref="TorchRuntime.UnavailableReason"/>).</summary>
    public static void RequireLibTorch() => Skip.IfNot(TorchRuntime.IsAvailable, TorchRuntime.UnavailableReason);

    /// <summary><see cref="RequireLibTorch"/>, then <see cref="CollectGarbage"/>; returns the settled
    /// <see cref="torch.Tensor.TotalCount"/> for a test to compare with at its end.</summary>
    public static long StartCountingTensors()
    {
        RequireLibTorch();
        CollectGarbage();
        return torch.Tensor.TotalCount;
    }

    /// <summary>Runs pending finalizers, so that tensors leaked earlier do not change
    /// <see cref="torch.Tensor.TotalCount"/> in the middle of a count.</summary>
    public static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary><see cref="RequireLibTorch"/>, then a dispose scope for the tensors of the test. Build modules before
    /// opening it: the parameters of TorchSharp's native layers (Embedding) belong to the scope open when they are made.</summary>
    public static DisposeScope OpenScope()
    {
        RequireLibTorch();
        return torch.NewDisposeScope();
    }
}
