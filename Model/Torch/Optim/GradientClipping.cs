using Recsys.Model.Torch.Interop;

namespace Recsys.Model.Torch.Optim;

public static unsafe class GradientClipping
{
    /// <summary>Scales the gradients of <paramref name="parameters"/> together so that their global L2 norm is at
    /// most <paramref name="maxNorm"/> (PyTorch's clip_grad_norm_). Returns the norm before clipping, which is
    /// worth logging: a growing norm warns of divergence.</summary>
    public static double ClipByGlobalNorm(IEnumerable<Parameter> parameters, double maxNorm)
    {
        var clipped = parameters.ToArray();
        var handles = clipped.Select(parameter => parameter.Handle).ToArray();
        fixed (nint* parameterHandles = handles)
        {
            NativeMethods.Check(NativeMethods.rt_optim_clip_grad_norm(parameterHandles, handles.Length, maxNorm, out var totalNorm));
            GC.KeepAlive(clipped);
            return totalNorm;
        }
    }
}
