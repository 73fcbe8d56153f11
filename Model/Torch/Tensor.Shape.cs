using Recsys.Model.Torch.Interop;

namespace Recsys.Model.Torch;

// Reshaping and indexing. Views (View, Transpose, Narrow, Select, Slice, Expand, ...) share storage with this
// tensor; dims may be negative, counting from the end.
public unsafe partial class Tensor
{
    /// <summary>The same elements in another shape (one size may be -1); a view when possible, else a copy.</summary>
    public Tensor Reshape(params ReadOnlySpan<long> shape)
    {
        fixed (long* sizes = shape)
        {
            return Result(NativeMethods.rt_shape_reshape(Handle, sizes, shape.Length), "reshape", this);
        }
    }

    /// <summary>A view in another shape; fails when the layout does not allow one (see <see cref="Contiguous"/>).</summary>
    public Tensor View(params ReadOnlySpan<long> shape)
    {
        fixed (long* sizes = shape)
        {
            return Result(NativeMethods.rt_shape_view(Handle, sizes, shape.Length), "view", this);
        }
    }

    public Tensor Transpose(long first, long second) =>
        Result(NativeMethods.rt_shape_transpose(Handle, first, second), "transpose", this);

    public Tensor Permute(params ReadOnlySpan<long> order)
    {
        fixed (long* dims = order)
        {
            return Result(NativeMethods.rt_shape_permute(Handle, dims, order.Length), "permute", this);
        }
    }

    public Tensor Unsqueeze(long dim) => Result(NativeMethods.rt_shape_unsqueeze(Handle, dim), "unsqueeze", this);

    /// <summary>Drops <paramref name="dim"/> when its size is 1.</summary>
    public Tensor Squeeze(long dim) => Result(NativeMethods.rt_shape_squeeze(Handle, dim), "squeeze", this);

    /// <summary>Drops every dimension of size 1.</summary>
    public Tensor Squeeze() => Result(NativeMethods.rt_shape_squeeze_all(Handle), "squeeze", this);

    /// <summary>A view repeating dimensions of size 1 to the given sizes (-1 keeps a size), without copying.</summary>
    public Tensor Expand(params ReadOnlySpan<long> shape)
    {
        fixed (long* sizes = shape)
        {
            return Result(NativeMethods.rt_shape_expand(Handle, sizes, shape.Length), "expand", this);
        }
    }

    public Tensor Contiguous() => Result(NativeMethods.rt_shape_contiguous(Handle), "contiguous", this);

    /// <summary>Elements start .. start + length - 1 along <paramref name="dim"/>.</summary>
    public Tensor Narrow(long dim, long start, long length) =>
        Result(NativeMethods.rt_shape_narrow(Handle, dim, start, length), "narrow", this);

    /// <summary>Elements start, start + step, ... below end along <paramref name="dim"/> (Python's x[start:end:step]).</summary>
    public Tensor Slice(long dim, long start, long end, long step = 1) =>
        Result(NativeMethods.rt_shape_slice(Handle, dim, start, end, step), "slice", this);

    /// <summary>The slice at <paramref name="index"/> along <paramref name="dim"/>, which disappears.</summary>
    public Tensor Select(long dim, long index) => Result(NativeMethods.rt_shape_select(Handle, dim, index), "select", this);

    /// <summary>The slices named by the int64 vector <paramref name="index"/> along <paramref name="dim"/>.</summary>
    public Tensor IndexSelect(long dim, Tensor index) =>
        Result(NativeMethods.rt_shape_index_select(Handle, dim, index.Handle), "index_select", this, index);

    /// <summary>out[i][j] = this[index[i][j]][j] for dim 0 (and likewise for other dims); index is int64.</summary>
    public Tensor Gather(long dim, Tensor index) =>
        Result(NativeMethods.rt_shape_gather(Handle, dim, index.Handle), "gather", this, index);

    /// <summary>This tensor with <paramref name="value"/> where the bool <paramref name="mask"/> (broadcast) is true.</summary>
    public Tensor MaskedFill(Tensor mask, Scalar value) =>
        Result(NativeMethods.rt_shape_masked_fill(Handle, mask.Handle, value), "masked_fill", this, mask);

    /// <summary>The upper triangle: elements on and above <paramref name="diagonal"/> of the last two dims, others 0.</summary>
    public Tensor Triu(long diagonal = 0) => Result(NativeMethods.rt_shape_triangle(Handle, diagonal, 1), "triu", this);

    /// <summary>The lower triangle: elements on and below <paramref name="diagonal"/> of the last two dims, others 0.</summary>
    public Tensor Tril(long diagonal = 0) => Result(NativeMethods.rt_shape_triangle(Handle, diagonal, 0), "tril", this);
}
