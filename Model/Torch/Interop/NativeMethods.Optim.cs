using System.Runtime.InteropServices;

namespace Recsys.Model.Torch.Interop;

// Model/native/optim.cpp: AdamW and gradient clipping.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial nint rt_optim_adamw_new(nint* parameters, int* groupOfParameter, int parameterCount, double* groupWeightDecay,
        int groupCount, double learningRate, double beta1, double beta2, double eps);

    [LibraryImport(Library)]
    internal static partial void rt_optim_adamw_free(nint optimizer);

    [LibraryImport(Library)]
    internal static partial int rt_optim_adamw_step(nint optimizer);

    [LibraryImport(Library)]
    internal static partial int rt_optim_adamw_set_learning_rate(nint optimizer, double learningRate);

    [LibraryImport(Library)]
    internal static partial int rt_optim_clip_grad_norm(nint* parameters, int count, double maxNorm, out double totalNorm);
}
