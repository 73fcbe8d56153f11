using Recsys.Model.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Recsys.Model.Tensors;

/// <summary>Named tensors in a safetensors file (<see cref="SafeTensorsFile"/>), readable by PyTorch: a module's
/// weights are <c>TensorCheckpoint.Save(path, module.state_dict())</c> and
/// <c>module.load_state_dict(TensorCheckpoint.Load(path))</c>. TorchSharp reads and writes only its own format.</summary>
public static class TensorCheckpoint
{
    /// <summary>Writes the tensors with their own dtypes (copied to the CPU), in name order.</summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var data = tensors
            .OrderBy(named => named.Key, StringComparer.Ordinal)
            .Select(named => new SafeTensorsData(named.Key, FileDType(named.Value.dtype), named.Value.shape, Bytes(named.Value)));
        SafeTensorsFile.Write(path, data, metadata);
    }

    /// <summary>Reads every tensor with its stored dtype onto <paramref name="device"/> (the CPU by default). The
    /// caller owns the tensors (they belong to the dispose scope open on this thread, if any).</summary>
    /// <exception cref="Data.DataFormatException">The file is not a valid safetensors file.</exception>
    public static Dictionary<string, Tensor> Load(string path, Device? device = null)
    {
        using var file = SafeTensorsFile.Open(path);
        var tensors = new Dictionary<string, Tensor>();
        try
        {
            foreach (var entry in file.Entries)
            {
                tensors[entry.Name] = Read(file, entry, device);
            }
        }
        catch
        {
            // A bad entry after good ones: the caller gets none of them, so none may outlive the call.
            foreach (var read in tensors.Values)
            {
                read.Dispose();
            }

            throw;
        }

        return tensors;
    }

    private static Tensor Read(SafeTensorsFile file, SafeTensorsEntry entry, Device? device)
    {
        var onCpu = empty(entry.Shape.ToArray(), TensorDType(file, entry));
        var bytes = file.ReadBytes(entry.Name);
        if (bytes.Length != onCpu.bytes.Length)
        {
            onCpu.Dispose();
            throw new Data.DataFormatException(file.Path, null,
                $"tensor '{entry.Name}' has {bytes.Length} bytes, not the {onCpu.bytes.Length} its {entry.DType}[{string.Join(", ", entry.Shape)}] takes");
        }

        bytes.CopyTo(onCpu.bytes);
        if (device is not { type: not DeviceType.CPU })
        {
            return onCpu;
        }

        using (onCpu)
        {
            return onCpu.to(device);
        }
    }

    private static byte[] Bytes(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.detach().cpu().contiguous().bytes.ToArray();
    }

    private static SafeTensorsDType FileDType(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => SafeTensorsDType.Float32,
        ScalarType.Float64 => SafeTensorsDType.Float64,
        ScalarType.Float16 => SafeTensorsDType.Float16,
        ScalarType.BFloat16 => SafeTensorsDType.BFloat16,
        ScalarType.Int64 => SafeTensorsDType.Int64,
        ScalarType.Int32 => SafeTensorsDType.Int32,
        ScalarType.Byte => SafeTensorsDType.UInt8,
        ScalarType.Bool => SafeTensorsDType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "no safetensors element type"),
    };

    private static ScalarType TensorDType(SafeTensorsFile file, SafeTensorsEntry entry) => entry.DType switch
    {
        SafeTensorsDType.Float32 => ScalarType.Float32,
        SafeTensorsDType.Float64 => ScalarType.Float64,
        SafeTensorsDType.Float16 => ScalarType.Float16,
        SafeTensorsDType.BFloat16 => ScalarType.BFloat16,
        SafeTensorsDType.Int64 => ScalarType.Int64,
        SafeTensorsDType.Int32 => ScalarType.Int32,
        SafeTensorsDType.UInt8 => ScalarType.Byte,
        SafeTensorsDType.Bool => ScalarType.Bool,
        _ => throw new Data.DataFormatException(file.Path, null, $"tensor '{entry.Name}' is {entry.DType}, which has no tensor dtype here"),
    };
}
