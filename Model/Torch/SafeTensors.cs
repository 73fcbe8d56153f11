using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Recsys.Model.Torch;

/// <summary>One tensor of a safetensors file: its name, dtype code ("F32", "F16", "BF16", "I64", ...), shape and
/// byte range within the data section.</summary>
public sealed record SafeTensorEntry(string Name, string DType, long[] Shape, long Begin, long End)
{
    public long ElementCount => Shape.Aggregate(1L, (count, size) => count * size);
}

/// <summary>A tensor to write: name, dtype code, shape and its raw little-endian row-major bytes.</summary>
public sealed record SafeTensorData(string Name, string DType, long[] Shape, ReadOnlyMemory<byte> Data);

/// <summary>The safetensors format (Hugging Face), without libtorch: an 8-byte little-endian header length, a
/// JSON header {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {string: string}}, then the
/// raw little-endian tensor data, offsets counted from the end of the header. Files written here load in
/// PyTorch with safetensors.torch.load_file.</summary>
public static class SafeTensors
{
    public const string MetadataKey = "__metadata__";

    /// <summary>The safetensors reference implementation refuses larger headers.</summary>
    public const int MaxHeaderBytes = 100_000_000;

    /// <summary>Bytes per element of a safetensors dtype code.</summary>
    public static int ElementSize(string dtype) => dtype switch
    {
        "BOOL" or "U8" or "I8" => 1,
        "F16" or "BF16" or "I16" or "U16" => 2,
        "F32" or "I32" or "U32" => 4,
        "F64" or "I64" or "U64" => 8,
        _ => throw new FormatException($"unknown safetensors dtype '{dtype}'"),
    };

    /// <summary>Writes the tensors, in the given order, and optional string metadata.</summary>
    public static void Write(string path, IEnumerable<SafeTensorData> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var entries = tensors.ToList();
        var header = Header(entries, metadata);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (var entry in entries)
        {
            stream.Write(entry.Data.Span);
        }
    }

    /// <summary>The header, padded with spaces to a multiple of 8 bytes so that the data stays aligned.</summary>
    private static byte[] Header(List<SafeTensorData> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach (var entry in entries)
            {
                var expected = entry.Shape.Aggregate(1L, (count, size) => count * size) * ElementSize(entry.DType);
                if (expected != entry.Data.Length)
                {
                    throw new ArgumentException($"{entry.Name}: a {entry.DType}[{string.Join(", ", entry.Shape)}] tensor has {expected} bytes, not {entry.Data.Length}");
                }

                json.WriteStartObject(entry.Name);
                json.WriteString("dtype", entry.DType);
                json.WriteStartArray("shape");
                foreach (var size in entry.Shape)
                {
                    json.WriteNumberValue(size);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + entry.Data.Length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += entry.Data.Length;
            }

            json.WriteEndObject();
        }

        var padding = (8 - (int)(buffer.Length % 8)) % 8;
        buffer.Write(Encoding.ASCII.GetBytes(new string(' ', padding)));
        return buffer.ToArray();
    }
}

/// <summary>An open safetensors file: the entries of its header, read once, and their data on demand.</summary>
public sealed class SafeTensorsFile : IDisposable
{
    private readonly SafeFileHandle file;
    private readonly Dictionary<string, SafeTensorEntry> byName;
    private readonly long dataStart;

    private SafeTensorsFile(SafeFileHandle file, long dataStart, List<SafeTensorEntry> entries, Dictionary<string, string> metadata)
    {
        this.file = file;
        this.dataStart = dataStart;
        Entries = entries;
        Metadata = metadata;
        byName = entries.ToDictionary(entry => entry.Name);
    }

    /// <summary>The tensors in the order of their data.</summary>
    public IReadOnlyList<SafeTensorEntry> Entries { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public static SafeTensorsFile Open(string path)
    {
        var file = File.OpenHandle(path);
        try
        {
            var fileLength = RandomAccess.GetLength(file);
            Span<byte> lengthBytes = stackalloc byte[8];
            if (fileLength < 8 || RandomAccess.Read(file, lengthBytes, 0) != 8)
            {
                throw new FormatException($"{path} is not a safetensors file: it is shorter than the 8-byte header length");
            }

            var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
            if (headerLength > SafeTensors.MaxHeaderBytes || (long)headerLength > fileLength - 8)
            {
                throw new FormatException($"{path} is not a safetensors file: header length {headerLength} does not fit a file of {fileLength} bytes");
            }

            var header = new byte[headerLength];
            RandomAccess.Read(file, header, 8);
            var dataStart = 8 + (long)headerLength;
            var (entries, metadata) = ParseHeader(header, fileLength - dataStart, path);
            return new SafeTensorsFile(file, dataStart, entries, metadata);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public bool Contains(string name) => byName.ContainsKey(name);

    public SafeTensorEntry this[string name] =>
        byName.TryGetValue(name, out var entry) ? entry : throw new KeyNotFoundException($"the safetensors file has no tensor '{name}'");

    /// <summary>The raw little-endian bytes of a tensor.</summary>
    public byte[] ReadBytes(SafeTensorEntry entry)
    {
        var bytes = new byte[entry.End - entry.Begin];
        var read = RandomAccess.Read(file, bytes, dataStart + entry.Begin);
        return read == bytes.Length ? bytes : throw new FormatException($"{entry.Name}: the file ends inside its data");
    }

    /// <summary>The elements of a floating-point tensor (F32, F16, BF16 or F64) as float32.</summary>
    public float[] ReadFloats(SafeTensorEntry entry)
    {
        var bytes = ReadBytes(entry);
        return entry.DType switch
        {
            "F32" => MemoryMarshal.Cast<byte, float>(bytes).ToArray(),
            "F16" => Array.ConvertAll(MemoryMarshal.Cast<byte, Half>(bytes).ToArray(), value => (float)value),
            // bfloat16 is the upper half of a float32.
            "BF16" => Array.ConvertAll(MemoryMarshal.Cast<byte, ushort>(bytes).ToArray(), bits => BitConverter.Int32BitsToSingle(bits << 16)),
            "F64" => Array.ConvertAll(MemoryMarshal.Cast<byte, double>(bytes).ToArray(), value => (float)value),
            _ => throw new FormatException($"{entry.Name} holds {entry.DType} elements, not floating-point ones"),
        };
    }

    /// <summary>The elements of an integer tensor (I64, I32 or U8) as int64.</summary>
    public long[] ReadInt64s(SafeTensorEntry entry)
    {
        var bytes = ReadBytes(entry);
        return entry.DType switch
        {
            "I64" => MemoryMarshal.Cast<byte, long>(bytes).ToArray(),
            "I32" => Array.ConvertAll(MemoryMarshal.Cast<byte, int>(bytes).ToArray(), value => (long)value),
            "U8" => Array.ConvertAll(bytes, value => (long)value),
            _ => throw new FormatException($"{entry.Name} holds {entry.DType} elements, not integers"),
        };
    }

    public void Dispose() => file.Dispose();

    private static (List<SafeTensorEntry> Entries, Dictionary<string, string> Metadata) ParseHeader(byte[] header, long dataLength, string path)
    {
        var entries = new List<SafeTensorEntry>();
        var metadata = new Dictionary<string, string>();
        using var document = JsonDocument.Parse(header);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name == SafeTensors.MetadataKey)
            {
                foreach (var item in property.Value.EnumerateObject())
                {
                    metadata[item.Name] = item.Value.GetString() ?? "";
                }

                continue;
            }

            var dtype = property.Value.GetProperty("dtype").GetString() ?? "";
            var shape = property.Value.GetProperty("shape").EnumerateArray().Select(size => size.GetInt64()).ToArray();
            var offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(offset => offset.GetInt64()).ToArray();
            var size = shape.Aggregate(1L, (count, dim) => count * dim) * SafeTensors.ElementSize(dtype);
            if (offsets.Length != 2 || shape.Any(dim => dim < 0) || offsets[0] < 0 || offsets[1] - offsets[0] != size || offsets[1] > dataLength)
            {
                throw new FormatException($"{path}: tensor '{property.Name}' ({dtype}[{string.Join(", ", shape)}], {size} bytes) has data offsets "
                    + $"[{string.Join(", ", offsets)}] that do not fit {dataLength} data bytes");
            }

            entries.Add(new SafeTensorEntry(property.Name, dtype, shape, offsets[0], offsets[1]));
        }

        entries.Sort((left, right) => left.Begin.CompareTo(right.Begin));
        return (entries, metadata);
    }
}
