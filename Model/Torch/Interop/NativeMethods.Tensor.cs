using System.Runtime.InteropServices;

namespace Recsys.Model.Torch.Interop;

// Model/native/tensor.cpp: creation, conversion, metadata and lifetime.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial void rt_tensor_free(nint tensor);

    [LibraryImport(Library)]
    internal static partial nint rt_tensor_full(long* shape, int rank, Scalar value, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(Library)]
    internal static partial nint rt_tensor_arange(Scalar start, Scalar end, Scalar step, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(Library)]
    internal static partial nint rt_tensor_randn(long* shape, int rank, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(Library)]
    internal static partial nint rt_tensor_rand(long* shape, int rank, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(Library)]
    internal static partial nint rt_tensor_randint(long low, long high, long* shape, int rank, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(Library)]
    internal static partial nint rt_tensor_eye(long rows, long columns, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(Library)]
    internal static partial nint rt_tensor_from_data(void* data, long* shape, int rank, int dtype);

    [LibraryImport(Library)]
    internal static partial int rt_tensor_copy_data(nint tensor, void* destination, long byteCount);

    [LibraryImport(Library)]
    internal static partial int rt_tensor_rank(nint tensor);

    [LibraryImport(Library)]
    internal static partial void rt_tensor_shape(nint tensor, long* shape);

    [LibraryImport(Library)]
    internal static partial long rt_tensor_numel(nint tensor);

    [LibraryImport(Library)]
    internal static partial int rt_tensor_dtype(nint tensor);

    [LibraryImport(Library)]
    internal static partial void rt_tensor_device(nint tensor, out int deviceType, out int deviceIndex);

    [LibraryImport(Library)]
    internal static partial nint rt_tensor_to(nint tensor, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(Library)]
    internal static partial nint rt_tensor_clone(nint tensor);

    [LibraryImport(Library)]
    internal static partial int rt_tensor_copy_(nint destination, nint source);

    [LibraryImport(Library)]
    internal static partial int rt_tensor_set_data(nint tensor, nint data);
}
