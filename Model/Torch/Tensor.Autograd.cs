using Recsys.Model.Torch.Interop;

namespace Recsys.Model.Torch;

// Autograd: gradients flow back from a scalar through every operation on tensors that require them.
public partial class Tensor
{
    /// <summary>Whether operations on this tensor are recorded so that <see cref="Backward"/> reaches it.</summary>
    public bool RequiresGrad
    {
        get
        {
            var requires = NativeMethods.rt_autograd_requires_grad(Handle) != 0;
            GC.KeepAlive(this);
            return requires;
        }

        set => Check(NativeMethods.rt_autograd_set_requires_grad(Handle, value ? 1 : 0), "requires_grad", this);
    }

    /// <summary>The gradient accumulated by <see cref="Backward"/>, or null when none has reached this tensor.
    /// Each read returns a new tensor sharing the gradient's storage.</summary>
    public Tensor? Grad
    {
        get
        {
            var status = NativeMethods.rt_autograd_grad(Handle, out var gradient);
            Check(status, "grad", this);
            return gradient == 0 ? null : new Tensor(gradient);
        }
    }

    /// <summary>Computes the gradients of this one-element tensor (a loss) with respect to every tensor that
    /// requires them, adding them to their <see cref="Grad"/>. For a tensor of more elements, pass the
    /// gradient of the final scalar with respect to it.</summary>
    public void Backward(Tensor? gradient = null) =>
        Check(NativeMethods.rt_autograd_backward(Handle, gradient?.Handle ?? 0), "backward", this, gradient);

    /// <summary>Drops the accumulated gradient (the next backward starts from nothing).</summary>
    public void ClearGrad() => Check(NativeMethods.rt_autograd_clear_grad(Handle), "clear grad", this);

    /// <summary>The same values, cut from the autograd graph (shares storage).</summary>
    public Tensor Detach() => Result(NativeMethods.rt_autograd_detach(Handle), "detach", this);
}
