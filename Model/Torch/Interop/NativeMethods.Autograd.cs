using System.Runtime.InteropServices;

namespace Recsys.Model.Torch.Interop;

// Model/native/autograd.cpp: requires-grad, backward, gradients, detach and grad mode.
internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial int rt_autograd_set_requires_grad(nint tensor, int requiresGrad);

    [LibraryImport(Library)]
    internal static partial int rt_autograd_requires_grad(nint tensor);

    [LibraryImport(Library)]
    internal static partial int rt_autograd_backward(nint tensor, nint gradient);

    [LibraryImport(Library)]
    internal static partial int rt_autograd_grad(nint tensor, out nint gradient);

    [LibraryImport(Library)]
    internal static partial int rt_autograd_clear_grad(nint tensor);

    [LibraryImport(Library)]
    internal static partial nint rt_autograd_detach(nint tensor);

    [LibraryImport(Library)]
    internal static partial int rt_autograd_set_grad_enabled(int enabled);
}
