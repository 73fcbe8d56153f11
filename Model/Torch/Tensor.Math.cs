using static Recsys.Model.Torch.Interop.NativeMethods;

namespace Recsys.Model.Torch;

// Element-wise math (with broadcasting), comparisons (bool results), matrix products, reductions and
// activations. Dims may be negative, counting from the end.
public unsafe partial class Tensor
{
    public Tensor Neg() => Unary(UnaryOp.Neg, "neg");

    public Tensor Exp() => Unary(UnaryOp.Exp, "exp");

    public Tensor Log() => Unary(UnaryOp.Log, "log");

    public Tensor Sqrt() => Unary(UnaryOp.Sqrt, "sqrt");

    /// <summary>1 / sqrt(x).</summary>
    public Tensor Rsqrt() => Unary(UnaryOp.Rsqrt, "rsqrt");

    public Tensor Abs() => Unary(UnaryOp.Abs, "abs");

    public Tensor LogicalNot() => Unary(UnaryOp.LogicalNot, "logical_not");

    public Tensor Add(Tensor other) => Binary(other, BinaryOp.Add, "add");

    public Tensor Add(Scalar other) => Binary(other, BinaryOp.Add, "add");

    public Tensor Sub(Tensor other) => Binary(other, BinaryOp.Sub, "sub");

    public Tensor Sub(Scalar other) => Binary(other, BinaryOp.Sub, "sub");

    public Tensor Mul(Tensor other) => Binary(other, BinaryOp.Mul, "mul");

    public Tensor Mul(Scalar other) => Binary(other, BinaryOp.Mul, "mul");

    /// <summary>True division (an integer tensor gives floating-point results).</summary>
    public Tensor Div(Tensor other) => Binary(other, BinaryOp.Div, "div");

    public Tensor Div(Scalar other) => Binary(other, BinaryOp.Div, "div");

    public Tensor Pow(Tensor exponent) => Binary(exponent, BinaryOp.Pow, "pow");

    public Tensor Pow(Scalar exponent) => Binary(exponent, BinaryOp.Pow, "pow");

    public Tensor Eq(Tensor other) => Binary(other, BinaryOp.Eq, "eq");

    public Tensor Eq(Scalar other) => Binary(other, BinaryOp.Eq, "eq");

    public Tensor Ne(Tensor other) => Binary(other, BinaryOp.Ne, "ne");

    public Tensor Ne(Scalar other) => Binary(other, BinaryOp.Ne, "ne");

    public Tensor Lt(Tensor other) => Binary(other, BinaryOp.Lt, "lt");

    public Tensor Lt(Scalar other) => Binary(other, BinaryOp.Lt, "lt");

    public Tensor Le(Tensor other) => Binary(other, BinaryOp.Le, "le");

    public Tensor Le(Scalar other) => Binary(other, BinaryOp.Le, "le");

    public Tensor Gt(Tensor other) => Binary(other, BinaryOp.Gt, "gt");

    public Tensor Gt(Scalar other) => Binary(other, BinaryOp.Gt, "gt");

    public Tensor Ge(Tensor other) => Binary(other, BinaryOp.Ge, "ge");

    public Tensor Ge(Scalar other) => Binary(other, BinaryOp.Ge, "ge");

    public Tensor LogicalAnd(Tensor other) => Binary(other, BinaryOp.LogicalAnd, "logical_and");

    public Tensor LogicalOr(Tensor other) => Binary(other, BinaryOp.LogicalOr, "logical_or");

    /// <summary>The element-wise larger of this tensor and <paramref name="other"/>.</summary>
    public Tensor Maximum(Tensor other) => Binary(other, BinaryOp.Maximum, "maximum");

    /// <summary>The element-wise smaller of this tensor and <paramref name="other"/>.</summary>
    public Tensor Minimum(Tensor other) => Binary(other, BinaryOp.Minimum, "minimum");

    /// <summary>Limits the elements to [min, max]; a null bound leaves that side open.</summary>
    public Tensor Clamp(Scalar? min = null, Scalar? max = null)
    {
        var lower = min.GetValueOrDefault();
        var upper = max.GetValueOrDefault();
        return Result(rt_math_clamp(Handle, min.HasValue ? &lower : null, max.HasValue ? &upper : null), "clamp", this);
    }

    /// <summary>Matrix product with NumPy broadcasting rules (vectors, matrices, batches of matrices).</summary>
    public Tensor MatMul(Tensor other) => Result(rt_math_matmul(Handle, other.Handle), "matmul", this, other);

    /// <summary>Batched matrix product of [b, n, m] and [b, m, p].</summary>
    public Tensor Bmm(Tensor other) => Result(rt_math_bmm(Handle, other.Handle), "bmm", this, other);

    /// <summary>The sum of all elements (a 0-dim tensor).</summary>
    public Tensor Sum() => Reduce(ReductionOp.Sum, [], keepDims: false, "sum");

    public Tensor Sum(long dim, bool keepDim = false) => Reduce(ReductionOp.Sum, [dim], keepDim, "sum");

    public Tensor Sum(ReadOnlySpan<long> dims, bool keepDims = false) => Reduce(ReductionOp.Sum, dims, keepDims, "sum");

    /// <summary>The mean of all elements (a 0-dim tensor).</summary>
    public Tensor Mean() => Reduce(ReductionOp.Mean, [], keepDims: false, "mean");

    public Tensor Mean(long dim, bool keepDim = false) => Reduce(ReductionOp.Mean, [dim], keepDim, "mean");

    public Tensor Mean(ReadOnlySpan<long> dims, bool keepDims = false) => Reduce(ReductionOp.Mean, dims, keepDims, "mean");

    /// <summary>log(sum(exp(x))) along <paramref name="dim"/>, computed without overflow.</summary>
    public Tensor LogSumExp(long dim, bool keepDim = false) => Reduce(ReductionOp.LogSumExp, [dim], keepDim, "logsumexp");

    public Tensor LogSumExp(ReadOnlySpan<long> dims, bool keepDims = false) => Reduce(ReductionOp.LogSumExp, dims, keepDims, "logsumexp");

    /// <summary>The largest element (a 0-dim tensor).</summary>
    public Tensor Max() => Result(rt_math_extreme(Handle, 1), "max", this);

    /// <summary>The smallest element (a 0-dim tensor).</summary>
    public Tensor Min() => Result(rt_math_extreme(Handle, 0), "min", this);

    /// <summary>The largest elements along <paramref name="dim"/> and their int64 positions.</summary>
    public (Tensor Values, Tensor Indices) Max(long dim, bool keepDim = false) => ExtremeAlong(dim, keepDim, largest: true, "max");

    /// <summary>The smallest elements along <paramref name="dim"/> and their int64 positions.</summary>
    public (Tensor Values, Tensor Indices) Min(long dim, bool keepDim = false) => ExtremeAlong(dim, keepDim, largest: false, "min");

    public Tensor ArgMax(long dim, bool keepDim = false) => Result(rt_math_argmax(Handle, dim, keepDim ? 1 : 0), "argmax", this);

    /// <summary>The <paramref name="k"/> largest (or smallest) elements along <paramref name="dim"/>, sorted, and
    /// their int64 positions.</summary>
    public (Tensor Values, Tensor Indices) TopK(long k, long dim = -1, bool largest = true)
    {
        var status = rt_math_topk(Handle, k, dim, largest ? 1 : 0, out var values, out var indices);
        Check(status, "topk", this);
        return (new Tensor(values), new Tensor(indices));
    }

    public Tensor Softmax(long dim) => Result(rt_math_softmax(Handle, dim, 0), "softmax", this);

    public Tensor LogSoftmax(long dim) => Result(rt_math_softmax(Handle, dim, 1), "log_softmax", this);

    public Tensor Relu() => Activate(Activation.Relu, "relu");

    /// <summary>GELU in its exact form, x * Φ(x) with the normal CDF from erf, as BERT uses.</summary>
    public Tensor Gelu() => Activate(Activation.Gelu, "gelu");

    public Tensor Tanh() => Activate(Activation.Tanh, "tanh");

    public Tensor Sigmoid() => Activate(Activation.Sigmoid, "sigmoid");

    public static Tensor operator +(Tensor left, Tensor right) => left.Add(right);

    public static Tensor operator +(Tensor left, Scalar right) => left.Add(right);

    public static Tensor operator +(Scalar left, Tensor right) => right.Add(left);

    public static Tensor operator -(Tensor left, Tensor right) => left.Sub(right);

    public static Tensor operator -(Tensor left, Scalar right) => left.Sub(right);

    public static Tensor operator -(Scalar left, Tensor right) => right.Binary(left, BinaryOp.ReverseSub, "sub");

    public static Tensor operator *(Tensor left, Tensor right) => left.Mul(right);

    public static Tensor operator *(Tensor left, Scalar right) => left.Mul(right);

    public static Tensor operator *(Scalar left, Tensor right) => right.Mul(left);

    public static Tensor operator /(Tensor left, Tensor right) => left.Div(right);

    public static Tensor operator /(Tensor left, Scalar right) => left.Div(right);

    public static Tensor operator /(Scalar left, Tensor right) => right.Binary(left, BinaryOp.ReverseDiv, "div");

    public static Tensor operator -(Tensor operand) => operand.Neg();

    private Tensor Unary(UnaryOp op, string name) => Result(rt_math_unary(Handle, op), name, this);

    private Tensor Binary(Tensor other, BinaryOp op, string name) => Result(rt_math_binary(Handle, other.Handle, op), name, this, other);

    private Tensor Binary(Scalar other, BinaryOp op, string name) => Result(rt_math_binary_scalar(Handle, other, op), name, this);

    private Tensor Activate(Activation kind, string name) => Result(rt_nn_activation(Handle, kind), name, this);

    private Tensor Reduce(ReductionOp op, ReadOnlySpan<long> dims, bool keepDims, string name)
    {
        fixed (long* reduced = dims)
        {
            return Result(rt_math_reduce(Handle, op, reduced, dims.Length, keepDims ? 1 : 0), name, this);
        }
    }

    private (Tensor Values, Tensor Indices) ExtremeAlong(long dim, bool keepDim, bool largest, string name)
    {
        var status = rt_math_extreme_dim(Handle, dim, keepDim ? 1 : 0, largest ? 1 : 0, out var values, out var indices);
        Check(status, name, this);
        return (new Tensor(values), new Tensor(indices));
    }
}
