namespace Recsys.Model.Torch;

/// <summary>Named tensors in a safetensors file (<see cref="SafeTensors"/>), readable by PyTorch: a module's
/// weights are <c>TensorCheckpoint.Save(path, module.StateDict())</c> and
/// <c>module.LoadStateDict(TensorCheckpoint.Load(path))</c>.</summary>
public static class TensorCheckpoint
{
    /// <summary>Writes the tensors with their own dtypes (copied to the CPU), in name order.</summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var data = tensors
            .OrderBy(named => named.Key, StringComparer.Ordinal)
            .Select(named => new SafeTensorData(named.Key, Code(named.Value.DType), named.Value.Shape, named.Value.ToBytes()));
        SafeTensors.Write(path, data, metadata);
    }

    /// <summary>Reads every tensor with its stored dtype onto <paramref name="device"/> (the CPU by default). The
    /// caller owns the tensors (they belong to the dispose scope open on this thread, if any).</summary>
    public static Dictionary<string, Tensor> Load(string path, Device? device = null)
    {
        using var file = SafeTensorsFile.Open(path);
        var tensors = new Dictionary<string, Tensor>();
        foreach (var entry in file.Entries)
        {
            var onCpu = LibTorch.FromBytes(file.ReadBytes(entry), DTypeOf(entry), entry.Shape);
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

    /// <summary>The safetensors dtype code of <paramref name="dtype"/>.</summary>
    public static string Code(DType dtype) => dtype switch
    {
        DType.Float32 => "F32",
        DType.Float64 => "F64",
        DType.Float16 => "F16",
        DType.BFloat16 => "BF16",
        DType.Int64 => "I64",
        DType.Int32 => "I32",
        DType.UInt8 => "U8",
        DType.Bool => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "no safetensors code"),
    };

    private static DType DTypeOf(SafeTensorEntry entry) => entry.DType switch
    {
        "F32" => DType.Float32,
        "F64" => DType.Float64,
        "F16" => DType.Float16,
        "BF16" => DType.BFloat16,
        "I64" => DType.Int64,
        "I32" => DType.Int32,
        "U8" => DType.UInt8,
        "BOOL" => DType.Bool,
        _ => throw new FormatException($"{entry.Name}: libtorch has no {entry.DType} tensors here"),
    };
}
