using System.Runtime.InteropServices;

namespace Recsys.Model.Torch.Interop;

// Model/native/runtime.cpp: version, build settings, devices, threads and the seed.
internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial nint rt_runtime_version();

    [LibraryImport(Library)]
    internal static partial nint rt_runtime_build_config();

    [LibraryImport(Library)]
    internal static partial int rt_runtime_cuda_device_count();

    [LibraryImport(Library)]
    internal static partial int rt_runtime_cuda_synchronize(long deviceIndex);

    [LibraryImport(Library)]
    internal static partial void rt_runtime_manual_seed(ulong seed);

    [LibraryImport(Library)]
    internal static partial int rt_runtime_set_num_threads(int count);

    [LibraryImport(Library)]
    internal static partial int rt_runtime_get_num_threads();
}
