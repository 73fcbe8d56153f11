using System.Reflection;
using System.Runtime.InteropServices;

namespace Recsys.Model.Torch.Interop;

/// <summary>The C ABI of librecsys_torch (Model/native), one partial file per native source file. Handles are
/// opaque pointers owned by the caller; a function that makes a tensor returns zero on failure and any other
/// fallible function returns 0, after which <see cref="LastError"/> holds libtorch's message.</summary>
internal static unsafe partial class NativeMethods
{
    /// <summary>Resolved by the runtime as librecsys_torch.so next to the managed assemblies.</summary>
    internal const string Library = "recsys_torch";

    /// <summary>Names a librecsys_torch.so to load instead of the one next to the assemblies (a shim built on a
    /// GPU host by hand, for example).</summary>
    internal const string LibraryOverrideVariable = "RECSYS_TORCH_LIBRARY";

    static NativeMethods()
    {
        NativeLibrary.SetDllImportResolver(typeof(NativeMethods).Assembly, ResolveOverride);
    }

    private static nint ResolveOverride(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var overridePath = Environment.GetEnvironmentVariable(LibraryOverrideVariable);
        return libraryName == Library && !string.IsNullOrEmpty(overridePath) ? NativeLibrary.Load(overridePath) : 0;
    }

    /// <summary>Loads the library (running the resolver above); the exception says why when it cannot.</summary>
    internal static void Load() => rt_runtime_get_num_threads();

    internal static TorchException LastError()
    {
        var message = Marshal.PtrToStringUTF8(rt_error_last());
        return new TorchException(string.IsNullOrEmpty(message) ? "libtorch reported a failure without a message" : message);
    }

    /// <summary>Throws libtorch's error unless <paramref name="status"/> is 1.</summary>
    internal static void Check(int status)
    {
        if (status == 0)
        {
            throw LastError();
        }
    }

    /// <summary>Throws libtorch's error when <paramref name="handle"/> is null, else returns it.</summary>
    internal static nint Check(nint handle) => handle != 0 ? handle : throw LastError();

    [LibraryImport(Library)]
    private static partial nint rt_error_last();
}
