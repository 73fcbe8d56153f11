using Recsys.Model.Torch.Interop;

namespace Recsys.Model.Torch;

/// <summary>A trainable tensor of a <see cref="Module"/>: it requires gradients and belongs to no dispose scope
/// (its module disposes it).</summary>
public sealed class Parameter : Tensor
{
    /// <summary>A parameter holding the values of <paramref name="initialValue"/> (sharing its storage, cut from
    /// any autograd graph); <paramref name="initialValue"/> stays the caller's to dispose.</summary>
    public Parameter(Tensor initialValue)
        : base(NativeMethods.Check(NativeMethods.rt_autograd_detach(initialValue.Handle)), joinDisposeScope: false)
    {
        GC.KeepAlive(initialValue);
        RequiresGrad = true;
    }

    /// <summary>Values uniform in [-bound, bound): PyTorch's default for Linear layers is bound 1/√fan_in.</summary>
    public static Parameter Uniform(ReadOnlySpan<long> shape, double bound, DType dtype = DType.Float32, Device? device = null)
    {
        using var scope = LibTorch.NewDisposeScope();
        return new Parameter(LibTorch.Rand(shape, dtype, device) * (2 * bound) - bound);
    }

    /// <summary>Values from N(0, std²): BERT initialises its weights with std 0.02.</summary>
    public static Parameter Normal(ReadOnlySpan<long> shape, double std, DType dtype = DType.Float32, Device? device = null)
    {
        using var scope = LibTorch.NewDisposeScope();
        return new Parameter(LibTorch.Randn(shape, dtype, device) * std);
    }

    public static Parameter Constant(ReadOnlySpan<long> shape, Scalar value, DType dtype = DType.Float32, Device? device = null)
    {
        using var scope = LibTorch.NewDisposeScope();
        return new Parameter(LibTorch.Full(shape, value, dtype, device));
    }
}
