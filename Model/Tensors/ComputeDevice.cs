using System.Globalization;
using TorchSharp;

namespace Recsys.Model.Tensors;

/// <summary>Where the model runs, as configuration and the command line name it: "cpu", "cuda" (device 0) or
/// "cuda:n". A value type that parses and compares without loading libtorch (options are validated before the model
/// loads); <see cref="ToTorch"/> gives TorchSharp's device.</summary>
public readonly record struct ComputeDevice(DeviceType Type, int Index)
{
    public static ComputeDevice Cpu { get; } = new(DeviceType.CPU, -1);

    public static ComputeDevice Cuda(int index = 0) => index >= 0
        ? new(DeviceType.CUDA, index)
        : throw new ArgumentOutOfRangeException(nameof(index), index, "a CUDA device index is 0 or more");

    public bool IsCuda => Type == DeviceType.CUDA;

    /// <summary>Parses "cpu", "cuda" (device 0) or "cuda:n", ignoring case and spaces around.</summary>
    public static ComputeDevice Parse(string text)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        if (trimmed == "cpu")
        {
            return Cpu;
        }

        if (trimmed == "cuda")
        {
            return Cuda(0);
        }

        if (trimmed.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(trimmed.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return Cuda(index);
        }

        throw new FormatException($"'{text}' is not a device: use cpu, cuda or cuda:N");
    }

    /// <summary>TorchSharp's device; loads libtorch (see <see cref="TorchRuntime"/>).</summary>
    public torch.Device ToTorch() => IsCuda ? torch.device(DeviceType.CUDA, Index) : torch.CPU;

    public static ComputeDevice Of(torch.Device device) => device.type == DeviceType.CUDA ? Cuda(Math.Max(device.index, 0)) : Cpu;

    public override string ToString() => IsCuda ? $"cuda:{Index}" : "cpu";
}
