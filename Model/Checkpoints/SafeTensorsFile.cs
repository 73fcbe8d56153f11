using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using Recsys.Model.Data;

// The reader, its element types and its entries are kept in this one file so that it can be merged with the
// tensor-level safetensors support of Model/Torch without touching anything else.
namespace Recsys.Model.Checkpoints;

/// <summary>The element types of the safetensors format, by the names its header uses.</summary>
public enum SafeTensorsDType
{
    Bool,
    UInt8,
    Int8,
    Float8E5M2,
    Float8E4M3,
    Int16,
    UInt16,
    Float16,
    BFloat16,
    Int32,
    UInt32,
    Float32,
    Float64,
    Int64,
    UInt64,
}

/// <summary>One tensor in a safetensors file.</summary>
/// <param name="Begin">Where its bytes start, from the start of the data region (after the header).</param>
/// <param name="End">Where its bytes end (exclusive), from the start of the data region.</param>
public sealed record SafeTensorsEntry(string Name, SafeTensorsDType DType, IReadOnlyList<long> Shape, long Begin, long End)
{
    /// <summary>The product of the shape (1 for a scalar).</summary>
    public long ElementCount => Shape.Aggregate(1L, (product, size) => product * size);

    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}

/// <summary>Reads the tensors of a <c>.safetensors</c> file as .NET arrays, without any native library.</summary>
/// <remarks>
/// The format: an unsigned 64-bit little-endian header length N, N bytes of UTF-8 JSON mapping each tensor name to
/// <c>{"dtype", "shape", "data_offsets": [begin, end]}</c> (plus an optional string map <c>__metadata__</c>), then
/// the data region, where each tensor's elements lie little-endian and row-major. Opening checks all of it as the
/// reference implementation does: known dtypes, byte spans that fit shape and dtype, and spans that cover the
/// data region exactly, without gaps or overlaps. Reads are positional, so one open file serves several threads.
/// </remarks>
public sealed class SafeTensorsFile : IDisposable
{
    /// <summary>The reference implementation's limit; a larger value means a corrupt or foreign file.</summary>
    public const long MaxHeaderLength = 100_000_000;

    private const string MetadataKey = "__metadata__";

    private static readonly Dictionary<string, (SafeTensorsDType DType, int Size)> DTypes = new(StringComparer.Ordinal)
    {
        ["BOOL"] = (SafeTensorsDType.Bool, 1),
        ["U8"] = (SafeTensorsDType.UInt8, 1),
        ["I8"] = (SafeTensorsDType.Int8, 1),
        ["F8_E5M2"] = (SafeTensorsDType.Float8E5M2, 1),
        ["F8_E4M3"] = (SafeTensorsDType.Float8E4M3, 1),
        ["I16"] = (SafeTensorsDType.Int16, 2),
        ["U16"] = (SafeTensorsDType.UInt16, 2),
        ["F16"] = (SafeTensorsDType.Float16, 2),
        ["BF16"] = (SafeTensorsDType.BFloat16, 2),
        ["I32"] = (SafeTensorsDType.Int32, 4),
        ["U32"] = (SafeTensorsDType.UInt32, 4),
        ["F32"] = (SafeTensorsDType.Float32, 4),
        ["F64"] = (SafeTensorsDType.Float64, 8),
        ["I64"] = (SafeTensorsDType.Int64, 8),
        ["U64"] = (SafeTensorsDType.UInt64, 8),
    };

    private readonly SafeFileHandle file;
    private readonly Dictionary<string, SafeTensorsEntry> entriesByName;

    private SafeTensorsFile(string path, SafeFileHandle file, long dataStart, List<SafeTensorsEntry> entries,
        Dictionary<string, string> metadata)
    {
        Path = path;
        this.file = file;
        DataStart = dataStart;
        Entries = entries;
        entriesByName = entries.ToDictionary(entry => entry.Name, StringComparer.Ordinal);
        Metadata = metadata;
    }

    public string Path { get; }

    /// <summary>Where the data region starts in the file: after the length and the header.</summary>
    public long DataStart { get; }

    /// <summary>The tensors in the order of their bytes.</summary>
    public IReadOnlyList<SafeTensorsEntry> Entries { get; }

    /// <summary>The header's <c>__metadata__</c>, e.g. <c>{"format": "pt"}</c>; empty when there is none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <exception cref="DataFormatException">The file is not a valid safetensors file; says why.</exception>
    public static SafeTensorsFile Open(string path)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("reading safetensors needs a little-endian machine");
        }

        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        try
        {
            var fileLength = RandomAccess.GetLength(file);
            var headerLength = ReadHeaderLength(path, file, fileLength);
            var header = new byte[headerLength];
            ReadExactly(path, file, header, sizeof(ulong));
            var (entries, metadata) = ParseHeader(path, header, dataLength: fileLength - sizeof(ulong) - headerLength);
            return new SafeTensorsFile(path, file, sizeof(ulong) + headerLength, entries, metadata);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public bool Contains(string name) => entriesByName.ContainsKey(name);

    /// <exception cref="KeyNotFoundException">There is no such tensor.</exception>
    public SafeTensorsEntry GetEntry(string name) => entriesByName.TryGetValue(name, out var entry)
        ? entry
        : throw new KeyNotFoundException($"{Path}: there is no tensor '{name}'");

    /// <summary>A floating-point tensor's elements as 32-bit floats: F32 as they are, F16 and BF16 widened exactly.</summary>
    /// <exception cref="InvalidOperationException">The tensor holds another type.</exception>
    public float[] ReadFloats(string name)
    {
        var entry = GetEntry(name);
        switch (entry.DType)
        {
            case SafeTensorsDType.Float32:
                return Read<float>(entry);
            case SafeTensorsDType.Float16:
                return Array.ConvertAll(Read<Half>(entry), value => (float)value);
            case SafeTensorsDType.BFloat16:
                // A bfloat16 is the upper half of a float32.
                return Array.ConvertAll(Read<ushort>(entry), bits => BitConverter.Int32BitsToSingle(bits << 16));
            default:
                throw WrongType(entry, "Float32, Float16 or BFloat16");
        }
    }

    /// <exception cref="InvalidOperationException">The tensor is not I64.</exception>
    public long[] ReadInt64s(string name)
    {
        var entry = GetEntry(name);
        return entry.DType == SafeTensorsDType.Int64 ? Read<long>(entry) : throw WrongType(entry, "Int64");
    }

    public void Dispose() => file.Dispose();

    private static long ReadHeaderLength(string path, SafeFileHandle file, long fileLength)
    {
        if (fileLength < sizeof(ulong))
        {
            throw new DataFormatException(path, null,
                $"the file is {fileLength} bytes, too short for the {sizeof(ulong)}-byte header length");
        }

        Span<byte> lengthBytes = stackalloc byte[sizeof(ulong)];
        ReadExactly(path, file, lengthBytes, 0);
        var headerLength = BitConverter.ToUInt64(lengthBytes);
        if (headerLength > MaxHeaderLength)
        {
            throw new DataFormatException(path, null,
                $"the header length {headerLength} is over the format's limit of {MaxHeaderLength} bytes");
        }

        if ((long)headerLength > fileLength - sizeof(ulong))
        {
            throw new DataFormatException(path, null,
                $"the header length {headerLength} is more than the {fileLength - sizeof(ulong)} bytes after it (truncated file?)");
        }

        return (long)headerLength;
    }

    private static (List<SafeTensorsEntry> Entries, Dictionary<string, string> Metadata) ParseHeader(
        string path, byte[] header, long dataLength)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, null, $"the header is not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new DataFormatException(path, null, "the header is not a JSON object");
            }

            var entries = new List<SafeTensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    throw new DataFormatException(path, null, $"the header names '{property.Name}' twice");
                }

                if (property.Name == MetadataKey)
                {
                    ReadMetadata(path, property.Value, metadata);
                }
                else
                {
                    entries.Add(ReadEntry(path, property.Name, property.Value));
                }
            }

            CheckCoverage(path, entries, dataLength);
            return (entries, metadata);
        }
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new DataFormatException(path, null, $"{MetadataKey} is not an object");
        }

        foreach (var item in value.EnumerateObject())
        {
            metadata[item.Name] = item.Value.ValueKind == JsonValueKind.String
                ? item.Value.GetString()!
                : throw new DataFormatException(path, null, $"{MetadataKey}.{item.Name} is not a string");
        }
    }

    private static SafeTensorsEntry ReadEntry(string path, string name, JsonElement value)
    {
        DataFormatException Invalid(string problem) => new(path, null, $"tensor '{name}': {problem}");

        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("dtype", out var dtypeValue) || dtypeValue.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("shape", out var shapeValue)
            || !value.TryGetProperty("data_offsets", out var offsetsValue))
        {
            throw Invalid("expected an object with dtype (a string), shape and data_offsets");
        }

        var dtypeName = dtypeValue.GetString()!;
        if (!DTypes.TryGetValue(dtypeName, out var dtype))
        {
            throw Invalid($"unknown dtype '{dtypeName}'; known: {string.Join(", ", DTypes.Keys)}");
        }

        var shape = ReadCounts(shapeValue) ?? throw Invalid("shape is not a list of non-negative integers");
        var offsets = ReadCounts(offsetsValue);
        if (offsets is not [var begin, var end] || begin > end)
        {
            throw Invalid("data_offsets is not [begin, end] with 0 <= begin <= end");
        }

        var entry = new SafeTensorsEntry(name, dtype.DType, shape, begin, end);
        long elementCount;
        try
        {
            elementCount = checked(shape.Aggregate(1L, (product, size) => product * size) * dtype.Size);
        }
        catch (OverflowException)
        {
            throw Invalid($"shape {entry.ShapeText} is too large");
        }

        return end - begin == elementCount
            ? entry
            : throw Invalid($"{end - begin} bytes at [{begin}, {end}) do not hold shape {entry.ShapeText} of {dtypeName} "
                + $"({elementCount} bytes)");
    }

    /// <returns>The non-negative integers of a JSON array, or null when it is anything else.</returns>
    private static long[]? ReadCounts(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var counts = new long[value.GetArrayLength()];
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var count) || count < 0)
            {
                return null;
            }

            counts[index++] = count;
        }

        return counts;
    }

    /// <summary>Sorts the entries by offset and checks that they tile the data region exactly.</summary>
    private static void CheckCoverage(string path, List<SafeTensorsEntry> entries, long dataLength)
    {
        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long covered = 0;
        foreach (var entry in entries)
        {
            if (entry.Begin != covered)
            {
                var problem = entry.Begin < covered ? "overlaps the tensor before it" : $"leaves a gap after byte {covered}";
                throw new DataFormatException(path, null, $"tensor '{entry.Name}' at [{entry.Begin}, {entry.End}) {problem}");
            }

            covered = entry.End;
        }

        if (covered != dataLength)
        {
            var problem = covered > dataLength ? " (truncated file?)" : "";
            throw new DataFormatException(path, null,
                $"the tensors cover {covered} bytes of data but the file holds {dataLength}{problem}");
        }
    }

    private T[] Read<T>(SafeTensorsEntry entry) where T : unmanaged
    {
        if (entry.ElementCount > Array.MaxLength)
        {
            throw new InvalidOperationException($"{Path}: tensor '{entry.Name}' has {entry.ElementCount} elements, "
                + "more than an array holds");
        }

        var values = new T[entry.ElementCount];
        ReadExactly(Path, file, MemoryMarshal.AsBytes(values.AsSpan()), DataStart + entry.Begin);
        return values;
    }

    private static void ReadExactly(string path, SafeFileHandle file, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            var read = RandomAccess.Read(file, buffer, offset);
            if (read == 0)
            {
                throw new DataFormatException(path, null, $"the file ends at byte {offset}, before the data it declares");
            }

            buffer = buffer[read..];
            offset += read;
        }
    }

    private InvalidOperationException WrongType(SafeTensorsEntry entry, string expected) =>
        new($"{Path}: tensor '{entry.Name}' is {entry.DType}; expected {expected}");
}
