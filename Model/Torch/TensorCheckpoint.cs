using Recsys.Model.Checkpoints;

namespace Recsys.Model.Torch;

/// <summary>Named tensors in a safetensors file (<see cref="SafeTensorsFile"/>), readable by PyTorch: a module's
/// weights are <c>TensorCheckpoint.Save(path, module.StateDict())</c> and
/// <c>module.LoadStateDict(TensorCheckpoint.Load(path))</c>.</summary>
public static class TensorCheckpoint
{
    /// <summary>Writes the tensors with their own dtypes (copied to the CPU), in name order.</summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var data = tensors
            .OrderBy(named => named.Key, StringComparer.Ordinal)
            .Select(named => new SafeTensorsData(named.Key, FileDType(named.Value.DType), named.Value.Shape, named.Value.ToBytes()));
        SafeTensorsFile.Write(path, data, metadata);
    }

    /// <summary>Reads every tensor with its stored dtype onto <paramref name="device"/> (the CPU by default). The
    /// caller owns the tensors (they belong to the dispose scope open on this thread, if any).</summary>
    /// <exception cref="Data.DataFormatException">The file is not a valid safetensors file.</exception>
    public static Dictionary<string, Tensor> Load(string path, Device? device = null)
    {
        using var file = SafeTensorsFile.Open(path);
        var tensors = new Dictionary<string, Tensor>();
        foreach (var entry in file.Entries)
        {
            var onCpu = LibTorch.FromBytes(file.ReadBytes(entry.Name), TensorDType(file, entry), entry.Shape.ToArray());
            if (device is { Type: not DeviceType.Cpu } target)
            {
                using (onCpu)
                {
                    tensors[entry.Name] = onCpu.To(target);
                }
            }
            else
            {
                tensors[entry.Name] = onCpu;
            }
        }

        return tensors;
    }

    private static SafeTensorsDType FileDType(DType dtype) => dtype switch
    {
        DType.Float32 => SafeTensorsDType.Float32,
        DType.Float64 => SafeTensorsDType.Float64,
        DType.Float16 => SafeTensorsDType.Float16,
        DType.BFloat16 => SafeTensorsDType.BFloat16,
        DType.Int64 => SafeTensorsDType.Int64,
        DType.Int32 => SafeTensorsDType.Int32,
        DType.UInt8 => SafeTensorsDType.UInt8,
        DType.Bool => SafeTensorsDType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "no safetensors element type"),
    };

    private static DType TensorDType(SafeTensorsFile file, SafeTensorsEntry entry) => entry.DType switch
    {
        SafeTensorsDType.Float32 => DType.Float32,
        SafeTensorsDType.Float64 => DType.Float64,
        SafeTensorsDType.Float16 => DType.Float16,
        SafeTensorsDType.BFloat16 => DType.BFloat16,
        SafeTensorsDType.Int64 => DType.Int64,
        SafeTensorsDType.Int32 => DType.Int32,
        SafeTensorsDType.UInt8 => DType.UInt8,
        SafeTensorsDType.Bool => DType.Bool,
        _ => throw new Data.DataFormatException(file.Path, null, $"tensor '{entry.Name}' is {entry.DType}, which has no tensor dtype here"),
    };
}
