using System.Runtime.InteropServices;

namespace Recsys.Model.Torch.Interop;

// Model/native/shape.cpp: reshaping, indexing and joining.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial nint rt_shape_reshape(nint tensor, long* shape, int rank);

    [LibraryImport(Library)]
    internal static partial nint rt_shape_view(nint tensor, long* shape, int rank);

    [LibraryImport(Library)]
    internal static partial nint rt_shape_transpose(nint tensor, long first, long second);

    [LibraryImport(Library)]
    internal static partial nint rt_shape_permute(nint tensor, long* order, int rank);

    [LibraryImport(Library)]
    internal static partial nint rt_shape_unsqueeze(nint tensor, long dim);

    [LibraryImport(Library)]
    internal static partial nint rt_shape_squeeze(nint tensor, long dim);

    [LibraryImport(Library)]
    internal static partial nint rt_shape_squeeze_all(nint tensor);

    [LibraryImport(Library)]
    internal static partial nint rt_shape_expand(nint tensor, long* shape, int rank);

    [LibraryImport(Library)]
    internal static partial nint rt_shape_contiguous(nint tensor);

    [LibraryImport(Library)]
    internal static partial nint rt_shape_narrow(nint tensor, long dim, long start, long length);

    [LibraryImport(Library)]
    internal static partial nint rt_shape_slice(nint tensor, long dim, long start, long end, long step);

    [LibraryImport(Library)]
    internal static partial nint rt_shape_select(nint tensor, long dim, long index);

    [LibraryImport(Library)]
    internal static partial nint rt_shape_index_select(nint tensor, long dim, nint index);

    [LibraryImport(Library)]
    internal static partial nint rt_shape_gather(nint tensor, long dim, nint index);

    [LibraryImport(Library)]
    internal static partial nint rt_shape_masked_fill(nint tensor, nint mask, Scalar value);

    [LibraryImport(Library)]
    internal static partial nint rt_shape_where(nint condition, nint whenTrue, nint whenFalse);

    [LibraryImport(Library)]
    internal static partial nint rt_shape_cat(nint* tensors, int count, long dim);

    [LibraryImport(Library)]
    internal static partial nint rt_shape_stack(nint* tensors, int count, long dim);

    [LibraryImport(Library)]
    internal static partial nint rt_shape_triangle(nint tensor, long diagonal, int upper);
}
