using System.Runtime.InteropServices;
using Recsys.Model.Torch.Interop;

namespace Recsys.Model.Torch;

/// <summary>The entry point to libtorch: whether it is available, tensor creation and joining, dispose and
/// no-grad scopes, devices, threads and the random seed. (Named LibTorch rather than Torch so that code in the
/// Recsys.Model.* namespaces does not resolve the name to the Recsys.Model.Torch namespace.)</summary>
public static unsafe class LibTorch
{
    /// <summary>How to get the native library, for messages when it is missing.</summary>
    public const string InstallHint =
        "install libtorch (sudo apt-get install -y libtorch-dev libopenblas0-pthread cmake g++, which scripts/bootstrap.sh does) "
        + "and rebuild Recsys.Model, or set RECSYS_TORCH_ROOT to a libtorch or PyTorch folder before building";

    private static readonly Lazy<string?> UnavailableReasonValue = new(ProbeLibrary);
    private static readonly Lazy<int> CudaDeviceCountValue = new(() => NativeMethods.rt_runtime_cuda_device_count());

    /// <summary>Whether librecsys_torch and libtorch load; when false, <see cref="UnavailableReason"/> says why.</summary>
    public static bool IsAvailable => UnavailableReasonValue.Value is null;

    public static string? UnavailableReason => UnavailableReasonValue.Value;

    /// <summary>The libtorch version the shim was built against, e.g. "1.13.0".</summary>
    public static string Version => Marshal.PtrToStringUTF8(NativeMethods.rt_runtime_version())!;

    /// <summary>libtorch's build settings (BLAS, CUDA, CPU capability): at::show_config().</summary>
    public static string BuildConfig => Marshal.PtrToStringUTF8(NativeMethods.rt_runtime_build_config())!;

    public static int CudaDeviceCount => CudaDeviceCountValue.Value;

    public static bool CudaIsAvailable => CudaDeviceCount > 0;

    /// <summary>Threads libtorch uses inside one operation on the CPU.</summary>
    public static int NumThreads => NativeMethods.rt_runtime_get_num_threads();

    public static void SetNumThreads(int count) => NativeMethods.Check(NativeMethods.rt_runtime_set_num_threads(count));

    /// <summary>Seeds the random generators of the CPU and of every CUDA device.</summary>
    public static void ManualSeed(ulong seed) => NativeMethods.rt_runtime_manual_seed(seed);

    /// <summary>Waits until the queued work of a CUDA device is done (for timing); nothing to wait for on the CPU.</summary>
    public static void Synchronize(Device device)
    {
        if (device.Type == DeviceType.Cuda)
        {
            RequireAvailable(device);
            NativeMethods.Check(NativeMethods.rt_runtime_cuda_synchronize(device.Index));
        }
    }

    /// <summary>Opens a scope that frees the tensors made inside it when disposed; see <see cref="DisposeScope"/>.</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Turns gradient recording off on this thread until disposed (inference, weight updates).</summary>
    public static IDisposable NoGrad() => new GradModeScope(enabled: false);

    /// <summary>Throws a clear <see cref="TorchException"/> when <paramref name="device"/> cannot be used here.</summary>
    public static void RequireAvailable(Device device)
    {
        if (device.Type != DeviceType.Cuda || device.Index < CudaDeviceCount)
        {
            return;
        }

        throw new TorchException(CudaDeviceCount == 0
            ? $"device {device} was requested but CUDA is not available: libtorch {Version} here has no CUDA support or sees no GPU; use cpu, or build Recsys.Model with RECSYS_TORCH_ROOT set to a CUDA PyTorch install on a GPU machine"
            : $"device {device} was requested but there are only {CudaDeviceCount} CUDA device(s), cuda:0 to cuda:{CudaDeviceCount - 1}");
    }

    public static Tensor Zeros(ReadOnlySpan<long> shape, DType dtype = DType.Float32, Device? device = null) => Full(shape, 0, dtype, device);

    public static Tensor Ones(ReadOnlySpan<long> shape, DType dtype = DType.Float32, Device? device = null) => Full(shape, 1, dtype, device);

    public static Tensor Full(ReadOnlySpan<long> shape, Scalar value, DType dtype = DType.Float32, Device? device = null)
    {
        var on = On(device);
        fixed (long* sizes = shape)
        {
            return Created(NativeMethods.rt_tensor_full(sizes, shape.Length, value, (int)dtype, (int)on.Type, on.Index));
        }
    }

    /// <summary>start, start + step, ... below end. Without a dtype: int64 when all three are integers, else float32.</summary>
    public static Tensor Arange(Scalar start, Scalar end, Scalar? step = null, DType? dtype = null, Device? device = null)
    {
        var stride = step ?? 1;
        var type = dtype ?? (start.IsInteger && end.IsInteger && stride.IsInteger ? DType.Int64 : DType.Float32);
        var on = On(device);
        return Created(NativeMethods.rt_tensor_arange(start, end, stride, (int)type, (int)on.Type, on.Index));
    }

    /// <summary>Samples of the standard normal distribution.</summary>
    public static Tensor Randn(ReadOnlySpan<long> shape, DType dtype = DType.Float32, Device? device = null)
    {
        var on = On(device);
        fixed (long* sizes = shape)
        {
            return Created(NativeMethods.rt_tensor_randn(sizes, shape.Length, (int)dtype, (int)on.Type, on.Index));
        }
    }

    /// <summary>Samples of the uniform distribution on [0, 1).</summary>
    public static Tensor Rand(ReadOnlySpan<long> shape, DType dtype = DType.Float32, Device? device = null)
    {
        var on = On(device);
        fixed (long* sizes = shape)
        {
            return Created(NativeMethods.rt_tensor_rand(sizes, shape.Length, (int)dtype, (int)on.Type, on.Index));
        }
    }

    /// <summary>Uniform integers in [low, high).</summary>
    public static Tensor RandInt(long low, long high, ReadOnlySpan<long> shape, DType dtype = DType.Int64, Device? device = null)
    {
        var on = On(device);
        fixed (long* sizes = shape)
        {
            return Created(NativeMethods.rt_tensor_randint(low, high, sizes, shape.Length, (int)dtype, (int)on.Type, on.Index));
        }
    }

    /// <summary>The identity matrix with <paramref name="rows"/> rows and as many columns unless given.</summary>
    public static Tensor Eye(long rows, long? columns = null, DType dtype = DType.Float32, Device? device = null)
    {
        var on = On(device);
        return Created(NativeMethods.rt_tensor_eye(rows, columns ?? rows, (int)dtype, (int)on.Type, on.Index));
    }

    /// <summary>A CPU tensor holding a copy of <paramref name="data"/> (row-major) in the given shape; the dtype
    /// follows the element type (float: Float32, long: Int64, int: Int32, bool: Bool, ...).</summary>
    public static Tensor FromArray<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape) where T : unmanaged =>
        FromBytes(MemoryMarshal.AsBytes(data), DTypeExtensions.Of<T>(), shape);

    /// <summary>A one-dimensional CPU tensor holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromArray<T>(ReadOnlySpan<T> data) where T : unmanaged => FromArray(data, [data.Length]);

    /// <summary>A CPU tensor of the given dtype and shape from raw little-endian element bytes (safetensors data,
    /// half-precision weights).</summary>
    public static Tensor FromBytes(ReadOnlySpan<byte> data, DType dtype, ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var size in shape)
        {
            count *= size;
        }

        if (count * dtype.ElementSize() != data.Length)
        {
            throw new TorchException($"{data.Length} bytes do not hold a {dtype}[{string.Join(", ", shape.ToArray())}] tensor ({count * dtype.ElementSize()} bytes)");
        }

        fixed (byte* bytes = data)
        fixed (long* sizes = shape)
        {
            return Created(NativeMethods.rt_tensor_from_data(bytes, sizes, shape.Length, (int)dtype));
        }
    }

    /// <summary>Joins tensors of the same shape except along <paramref name="dim"/>, along it.</summary>
    public static Tensor Cat(ReadOnlySpan<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: false);

    /// <summary>Joins tensors of the same shape along a new dimension <paramref name="dim"/>.</summary>
    public static Tensor Stack(ReadOnlySpan<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: true);

    /// <summary>Elements of <paramref name="whenTrue"/> where the bool <paramref name="condition"/> holds, else of
    /// <paramref name="whenFalse"/> (all three broadcast).</summary>
    public static Tensor Where(Tensor condition, Tensor whenTrue, Tensor whenFalse) =>
        Tensor.Result(NativeMethods.rt_shape_where(condition.Handle, whenTrue.Handle, whenFalse.Handle), "where", condition, whenTrue, whenFalse);

    private static Tensor Join(ReadOnlySpan<Tensor> tensors, long dim, bool stack)
    {
        var handles = new nint[tensors.Length];
        for (var i = 0; i < tensors.Length; i++)
        {
            handles[i] = tensors[i].Handle;
        }

        fixed (nint* joined = handles)
        {
            var result = stack ? NativeMethods.rt_shape_stack(joined, handles.Length, dim) : NativeMethods.rt_shape_cat(joined, handles.Length, dim);
            return Tensor.Result(result, stack ? "stack" : "cat", tensors!);
        }
    }

    private static Device On(Device? device)
    {
        var on = device ?? Device.Cpu;
        RequireAvailable(on);
        return on;
    }

    private static Tensor Created(nint handle) => new(NativeMethods.Check(handle));

    private static string? ProbeLibrary()
    {
        try
        {
            NativeMethods.Load();
            return null;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return $"{LoadFailure(exception)}; {InstallHint}";
        }
    }

    /// <summary>The one line of the loader's message that matters: the runtime lists every path it tried.</summary>
    private static string LoadFailure(Exception exception)
    {
        var overridePath = Environment.GetEnvironmentVariable(NativeMethods.LibraryOverrideVariable);
        var directory = AppContext.BaseDirectory;
        var expected = string.IsNullOrEmpty(overridePath) ? Path.Combine(directory, "librecsys_torch.so") : overridePath;
        if (!File.Exists(expected))
        {
            return string.IsNullOrEmpty(overridePath)
                ? $"{expected} does not exist (the build of Recsys.Model did not make it)"
                : $"{NativeMethods.LibraryOverrideVariable} names {expected}, which does not exist";
        }

        var lines = exception.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return lines.FirstOrDefault(line => line.StartsWith(expected + ":", StringComparison.Ordinal)) ?? $"{expected} does not load: {lines[0]}";
    }

    /// <summary>Sets libtorch's per-thread grad mode and puts the previous one back when disposed.</summary>
    private sealed class GradModeScope : IDisposable
    {
        private readonly bool previous;
        private bool disposed;

        public GradModeScope(bool enabled)
        {
            previous = NativeMethods.rt_autograd_set_grad_enabled(enabled ? 1 : 0) != 0;
        }

        public void Dispose()
        {
            if (!disposed)
            {
                disposed = true;
                NativeMethods.rt_autograd_set_grad_enabled(previous ? 1 : 0);
            }
        }
    }
}
