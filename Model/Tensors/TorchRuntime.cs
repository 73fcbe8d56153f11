using System.Text;
using TorchSharp;

namespace Recsys.Model.Tensors;

/// <summary>TorchSharp's libtorch, loaded once per process: whether it runs here and, when not, why in words a user
/// can act on. Everything that computes with the model asks <see cref="IsAvailable"/> first, so a machine without a
/// working libtorch still serves the non-learned mix and its tests skip.</summary>
public static class TorchRuntime
{
    /// <summary>The libstdc++ symbol version TorchSharp 0.107's native library was linked against (GCC 13).</summary>
    private const string NeededLibstdcxx = "GLIBCXX_3.4.32";

    private static readonly Lazy<string?> Failure = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static bool IsAvailable => Failure.Value is null;

    /// <summary>Why libtorch cannot run here; null when it can.</summary>
    public static string? UnavailableReason => Failure.Value;

    /// <summary>The number of CUDA devices libtorch sees (0 without CUDA or without libtorch).</summary>
    public static int CudaDeviceCount => IsAvailable && torch.cuda.is_available() ? torch.cuda.device_count() : 0;

    /// <summary>Fails with the reason when <paramref name="device"/> cannot run the model here.</summary>
    /// <exception cref="InvalidOperationException">libtorch is missing, or the CUDA device is.</exception>
    public static void RequireAvailable(ComputeDevice device)
    {
        if (UnavailableReason is { } reason)
        {
            throw new InvalidOperationException($"libtorch cannot run here: {reason}");
        }

        if (device.IsCuda && device.Index >= CudaDeviceCount)
        {
            throw new InvalidOperationException(CudaDeviceCount == 0
                ? $"{device} was asked for, but CUDA is not available here (TorchSharp-cpu, or no GPU): use the cpu device"
                : $"{device} was asked for, but only {CudaDeviceCount} CUDA device(s) exist here");
        }
    }

    /// <summary>Seeds libtorch's generators (CPU and CUDA): the same seed gives the same model on one machine.</summary>
    public static void Seed(ulong seed) => torch.manual_seed(unchecked((long)seed));

    private static string? Load()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            return null;
        }
        // Whatever the way loading fails (TorchSharp's fallback also copies files, which can fail with I/O errors),
        // the answer is that libtorch does not run here, with the reason, not an exception at every use.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            string[] candidates = ["/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6"];
            return Explain(e, candidates.FirstOrDefault(File.Exists));
        }
    }

    /// <summary>Why loading failed, naming the fix when the system's libstdc++ (<paramref name="systemLibrary"/>, if
    /// found) is too old for TorchSharp's native library.</summary>
    internal static string Explain(Exception failure, string? systemLibrary) =>
        systemLibrary is not null && File.ReadAllBytes(systemLibrary).AsSpan().IndexOf(Encoding.ASCII.GetBytes(NeededLibstdcxx + "\0")) < 0
            ? $"TorchSharp's native library needs libstdc++ from GCC 13 or newer ({NeededLibstdcxx}), and {systemLibrary} is older. "
              + "Build the project again (build/LibTorchSharp.targets adapts the library to Debian 12's libstdc++ after each copy), "
              + "or run on a system with a newer libstdc++ (Debian 13, Ubuntu 24.04)"
            : $"TorchSharp could not load libtorch: {FirstLine(failure)}";

    private static string FirstLine(Exception e)
    {
        var innermost = e;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }

        return innermost.Message.Split('\n', 2)[0].Trim();
    }
}
