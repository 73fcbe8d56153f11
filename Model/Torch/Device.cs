using System.Globalization;

namespace Recsys.Model.Torch;

/// <summary>Where a tensor lives. The numbers of <see cref="DeviceType"/> are libtorch's c10::DeviceType.</summary>
public enum DeviceType
{
    Cpu = 0,
    Cuda = 1,
}

/// <summary>A device: <see cref="Cpu"/> or <see cref="Cuda"/>(n). Written and parsed as "cpu" and "cuda:n".</summary>
public readonly record struct Device(DeviceType Type, int Index)
{
    public static Device Cpu { get; } = new(DeviceType.Cpu, -1);

    public static Device Cuda(int index = 0) => index >= 0
        ? new(DeviceType.Cuda, index)
        : throw new ArgumentOutOfRangeException(nameof(index), index, "a CUDA device index is 0 or more");

    /// <summary>Parses "cpu", "cuda" (device 0) or "cuda:n".</summary>
    public static Device Parse(string text)
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

    public override string ToString() => Type == DeviceType.Cpu ? "cpu" : $"cuda:{Index}";
}
