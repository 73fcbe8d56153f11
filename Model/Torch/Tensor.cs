using System.Runtime.InteropServices;
using System.Text;
using Recsys.Model.Torch.Interop;

namespace Recsys.Model.Torch;

/// <summary>A libtorch tensor. The object owns one native handle and frees it on <see cref="Dispose"/> or, as
/// a fallback, in its finalizer. A tensor made while a <see cref="DisposeScope"/> is open on the thread belongs
/// to that scope and is freed with it unless moved out (<see cref="MoveToOuterScope"/>,
/// <see cref="DetachFromDisposeScope"/>). <see cref="LiveCount"/> counts the handles not yet freed.</summary>
public unsafe partial class Tensor : IDisposable
{
    private static long liveCount;
    private static long peakLiveCount;

    private nint handle;

    internal Tensor(nint handle)
        : this(handle, joinDisposeScope: true)
    {
    }

    private protected Tensor(nint handle, bool joinDisposeScope)
    {
        this.handle = handle;
        var live = Interlocked.Increment(ref liveCount);
        RaisePeak(live);
        if (joinDisposeScope)
        {
            DisposeScope.Current?.Adopt(this);
        }
    }

    ~Tensor() => Free();

    /// <summary>Tensors whose native handle has not been freed yet, over all threads.</summary>
    public static long LiveCount => Interlocked.Read(ref liveCount);

    /// <summary>The highest <see cref="LiveCount"/> since the start or the last <see cref="ResetPeakLiveCount"/>.</summary>
    public static long PeakLiveCount => Interlocked.Read(ref peakLiveCount);

    public static void ResetPeakLiveCount() => Interlocked.Exchange(ref peakLiveCount, LiveCount);

    /// <summary>The scope that will free this tensor, if any.</summary>
    internal DisposeScope? OwningScope { get; set; }

    public bool IsDisposed => handle == 0;

    /// <summary>The native handle; throws when the tensor was disposed.</summary>
    internal nint Handle => handle != 0 ? handle : throw new ObjectDisposedException(nameof(Tensor), "the tensor was disposed (by Dispose or by its dispose scope)");

    public int Rank
    {
        get
        {
            var rank = NativeMethods.rt_tensor_rank(Handle);
            GC.KeepAlive(this);
            return rank;
        }
    }

    public long[] Shape
    {
        get
        {
            var shape = new long[Rank];
            fixed (long* sizes = shape)
            {
                NativeMethods.rt_tensor_shape(Handle, sizes);
            }

            GC.KeepAlive(this);
            return shape;
        }
    }

    public long NumElements
    {
        get
        {
            var count = NativeMethods.rt_tensor_numel(Handle);
            GC.KeepAlive(this);
            return count;
        }
    }

    public DType DType
    {
        get
        {
            var dtype = (DType)NativeMethods.rt_tensor_dtype(Handle);
            GC.KeepAlive(this);
            return dtype;
        }
    }

    public Device Device
    {
        get
        {
            NativeMethods.rt_tensor_device(Handle, out var type, out var index);
            GC.KeepAlive(this);
            return new Device((DeviceType)type, index);
        }
    }

    /// <summary>The size of one dimension; a negative <paramref name="dim"/> counts from the end.</summary>
    public long Size(int dim)
    {
        var shape = Shape;
        return shape[dim < 0 ? shape.Length + dim : dim];
    }

    /// <summary>Moves this tensor from its dispose scope to the enclosing one (or to none, when its scope is the
    /// outermost), so it outlives the current scope. Returns this tensor.</summary>
    public Tensor MoveToOuterScope()
    {
        var scope = OwningScope;
        if (scope is not null)
        {
            OwningScope = null;
            scope.Outer?.Adopt(this);
        }

        return this;
    }

    /// <summary>Takes this tensor out of every dispose scope: the caller disposes it. Returns this tensor.</summary>
    public Tensor DetachFromDisposeScope()
    {
        OwningScope = null;
        return this;
    }

    public Tensor To(Device device) => To(DType, device);

    public Tensor To(DType dtype) => To(dtype, Device);

    public Tensor To(DType dtype, Device device)
    {
        LibTorch.RequireAvailable(device);
        return Result(NativeMethods.rt_tensor_to(Handle, (int)dtype, (int)device.Type, device.Index), "to", this);
    }

    /// <summary>A copy with its own storage, still connected to the autograd graph.</summary>
    public Tensor Clone() => Result(NativeMethods.rt_tensor_clone(Handle), "clone", this);

    /// <summary>The elements in row-major order; <typeparamref name="T"/> must match <see cref="DType"/>.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        RequireElementType<T>();
        var values = new T[NumElements];
        CopyElementsTo(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>The only element of a one-element tensor.</summary>
    public T Item<T>() where T : unmanaged
    {
        RequireElementType<T>();
        if (NumElements != 1)
        {
            throw new TorchException($"Item needs a tensor of one element, not {Describe(this)}");
        }

        T value = default;
        CopyElementsTo(MemoryMarshal.AsBytes(new Span<T>(ref value)));
        return value;
    }

    /// <summary>The raw little-endian bytes of the elements in row-major order, whatever the dtype.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[NumElements * DType.ElementSize()];
        CopyElementsTo(bytes);
        return bytes;
    }

    /// <summary>Overwrites the values in place with those of <paramref name="source"/> (same shape), outside
    /// autograd: loading weights into a parameter.</summary>
    public void CopyFrom(Tensor source) =>
        Check(NativeMethods.rt_tensor_copy_(Handle, source.Handle), "copy", this, source);

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    public override string ToString() => IsDisposed ? "Tensor (disposed)" : $"Tensor {Describe(this)} on {Device}";

    /// <summary>Points this tensor at other data (another device or dtype) while every reference to it stays
    /// valid; how a module moves its parameters.</summary>
    internal void SetData(Tensor data) => Check(NativeMethods.rt_tensor_set_data(Handle, data.Handle), "set_data", this, data);

    /// <summary>Wraps the handle a native call returned for an operation on <paramref name="operands"/>. When the
    /// call failed, throws libtorch's message prefixed by the operation and the operand shapes. Taking the
    /// operands after the call also keeps them, and so their handles, alive until the call has returned.</summary>
    internal static Tensor Result(nint result, string operation, params ReadOnlySpan<Tensor?> operands) =>
        result != 0 ? new Tensor(result) : throw OperationError(operation, operands);

    /// <summary>As <see cref="Result"/>, for native calls that return a status.</summary>
    internal static void Check(int status, string operation, params ReadOnlySpan<Tensor?> operands)
    {
        if (status == 0)
        {
            throw OperationError(operation, operands);
        }
    }

    internal static TorchException OperationError(string operation, ReadOnlySpan<Tensor?> operands)
    {
        var described = new StringBuilder();
        foreach (var operand in operands)
        {
            if (operand is not null)
            {
                described.Append(described.Length == 0 ? "" : " and ").Append(Describe(operand));
            }
        }

        return new TorchException($"{operation} of {described}: {NativeMethods.LastError().Message}");
    }

    /// <summary>dtype and shape, as in "Float32[2, 3]".</summary>
    internal static string Describe(Tensor tensor) => $"{tensor.DType}[{string.Join(", ", tensor.Shape)}]";

    private static void RaisePeak(long live)
    {
        var peak = Interlocked.Read(ref peakLiveCount);
        while (live > peak)
        {
            var seen = Interlocked.CompareExchange(ref peakLiveCount, live, peak);
            if (seen == peak)
            {
                return;
            }

            peak = seen;
        }
    }

    private void RequireElementType<T>() where T : unmanaged
    {
        var wanted = DTypeExtensions.Of<T>();
        if (wanted != DType)
        {
            throw new TorchException($"the tensor holds {DType} elements, not {wanted} ({typeof(T).Name}); convert it with To({wanted}) first");
        }
    }

    private void CopyElementsTo(Span<byte> destination)
    {
        fixed (byte* bytes = destination)
        {
            Check(NativeMethods.rt_tensor_copy_data(Handle, bytes, destination.Length), "copy to managed memory", this);
        }
    }

    private void Free()
    {
        var freed = Interlocked.Exchange(ref handle, 0);
        if (freed != 0)
        {
            NativeMethods.rt_tensor_free(freed);
            Interlocked.Decrement(ref liveCount);
        }
    }
}
