using System.Runtime.InteropServices;

namespace Recsys.Model.Torch.Interop;

// Model/native/math.cpp: element-wise math, comparisons, matrix products and reductions.
internal static unsafe partial class NativeMethods
{
    /// <summary>The unary_op codes of math.cpp.</summary>
    internal enum UnaryOp
    {
        Neg = 0,
        Exp = 1,
        Log = 2,
        Sqrt = 3,
        Rsqrt = 4,
        Abs = 5,
        LogicalNot = 6,
    }

    /// <summary>The binary_op codes of math.cpp. The reverse operations put the scalar first (1 - x, 1 / x);
    /// the logical ones, maximum and minimum take tensors only.</summary>
    internal enum BinaryOp
    {
        Add = 0,
        Sub = 1,
        Mul = 2,
        Div = 3,
        Pow = 4,
        ReverseSub = 5,
        ReverseDiv = 6,
        Eq = 10,
        Ne = 11,
        Lt = 12,
        Le = 13,
        Gt = 14,
        Ge = 15,
        LogicalAnd = 20,
        LogicalOr = 21,
        Maximum = 22,
        Minimum = 23,
    }

    /// <summary>The reduction_op codes of math.cpp.</summary>
    internal enum ReductionOp
    {
        Sum = 0,
        Mean = 1,
        LogSumExp = 2,
    }

    [LibraryImport(Library)]
    internal static partial nint rt_math_unary(nint tensor, UnaryOp op);

    [LibraryImport(Library)]
    internal static partial nint rt_math_binary(nint left, nint right, BinaryOp op);

    [LibraryImport(Library)]
    internal static partial nint rt_math_binary_scalar(nint left, Scalar right, BinaryOp op);

    [LibraryImport(Library)]
    internal static partial nint rt_math_clamp(nint tensor, Scalar* min, Scalar* max);

    [LibraryImport(Library)]
    internal static partial nint rt_math_matmul(nint left, nint right);

    [LibraryImport(Library)]
    internal static partial nint rt_math_bmm(nint left, nint right);

    [LibraryImport(Library)]
    internal static partial nint rt_math_reduce(nint tensor, ReductionOp op, long* dims, int rank, int keepDims);

    [LibraryImport(Library)]
    internal static partial nint rt_math_extreme(nint tensor, int largest);

    [LibraryImport(Library)]
    internal static partial int rt_math_extreme_dim(nint tensor, long dim, int keepDim, int largest, out nint values, out nint indices);

    [LibraryImport(Library)]
    internal static partial nint rt_math_argmax(nint tensor, long dim, int keepDim);

    [LibraryImport(Library)]
    internal static partial int rt_math_topk(nint tensor, long k, long dim, int largest, out nint values, out nint indices);

    [LibraryImport(Library)]
    internal static partial nint rt_math_softmax(nint tensor, long dim, int log);
}
