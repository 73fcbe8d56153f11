using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using Recsys.Model.Data;

namespace Recsys.Model.Checkpoints;

/// <summary>Reads and writes <c>.safetensors</c> files (Hugging Face's format for weights) as .NET arrays and bytes,
/// without any native library: <see cref="Checkpoints.BertCheckpoint"/> reads through it, and
/// <c>Torch.TensorCheckpoint</c> turns its bytes into tensors and back.</summary>
/// <remarks>
/// The format: an unsigned 64-bit little-endian header length N, N bytes of UTF-8 JSON mapping each tensor name to
/// <c>{"dtype", "shape", "data_offsets": [begin, end]}</c> (plus an optional string map <c>__metadata__</c>), then
/// the data region, where each tensor's elements lie little-endian and row-major. Opening checks all of it as the
/// reference implementation does: known dtypes, byte spans that fit shape and dtype, and spans that cover the
/// data region exactly, without gaps or overlaps. Reads are positional, so one open file serves several threads.
/// <see cref="Write"/> lays tensors out in that form, loadable by <c>safetensors.torch.load_file</c>.
/// </remarks>
public sealed class SafeTensorsFile : IDisposable
{
    /// <summary>The reference implementation's limit; a larger value means a corrupt or foreign file.</summary>
    public const long MaxHeaderLength = 100_000_000;

    public const string MetadataKey = "__metadata__";

    /// <summary>The header is padded with spaces to a multiple of this, so that the data that follows stays aligned
    /// for readers that map the file into memory.</summary>
    private const int HeaderAlignment = 8;

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

    /// <summary>A floating-point tensor's elements as 32-bit floats: F32 as they are, F16 and BF16 widened exactly,
    /// F64 rounded.</summary>
    /// <exception cref="InvalidOperationException">The tensor holds another type.</exception>
    public float[] ReadFloats(string name)
    {
        var entry = GetEntry(name);
        return entry.DType switch
        {
            SafeTensorsDType.Float32 => Read<float>(entry),
            SafeTensorsDType.Float16 => Array.ConvertAll(Read<Half>(entry), value => (float)value),
            // A bfloat16 is the upper half of a float32.
            SafeTensorsDType.BFloat16 => Array.ConvertAll(Read<ushort>(entry), bits => BitConverter.Int32BitsToSingle(bits << 16)),
            SafeTensorsDType.Float64 => Array.ConvertAll(Read<double>(entry), value => (float)value),
            _ => throw WrongType(entry, "Float32, Float16, BFloat16 or Float64"),
        };
    }

    /// <summary>An integer tensor's elements as 64-bit integers: I64 as they are, I32 and U8 widened.</summary>
    /// <exception cref="InvalidOperationException">The tensor holds another type.</exception>
    public long[] ReadInt64s(string name)
    {
        var entry = GetEntry(name);
        return entry.DType switch
        {
            SafeTensorsDType.Int64 => Read<long>(entry),
            SafeTensorsDType.Int32 => Array.ConvertAll(Read<int>(entry), value => (long)value),
            SafeTensorsDType.UInt8 => Array.ConvertAll(Read<byte>(entry), value => (long)value),
            _ => throw WrongType(entry, "Int64, Int32 or UInt8"),
        };
    }

    /// <summary>A tensor's elements as they lie in the file: little-endian, row-major, of its <see cref="SafeTensorsEntry.DType"/>.</summary>
    public byte[] ReadBytes(string name) => Read<byte>(GetEntry(name));

    public void Dispose() => file.Dispose();

    /// <summary>Writes the tensors, in the given order, and the metadata (Hugging Face's loaders want
    /// <c>{"format": "pt"}</c>).</summary>
    /// <exception cref="ArgumentException">A tensor's bytes do not fit its shape and dtype, or two tensors share a name.</exception>
    public static void Write(string path, IEnumerable<SafeTensorsData> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var list = tensors.ToList();
        var header = WriteHeader(list, metadata);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Span<byte> headerLength = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(headerLength, (ulong)header.Length);
        stream.Write(headerLength);
        stream.Write(header);
        foreach (var tensor in list)
        {
            stream.Write(tensor.Data.Span);
        }
    }

    private static byte[] WriteHeader(List<SafeTensorsData> tensors, IReadOnlyDictionary<string, string>? metadata)
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

            var names = new HashSet<string>(StringComparer.Ordinal) { MetadataKey };
            long offset = 0;
            foreach (var tensor in tensors)
            {
                var entry = new SafeTensorsEntry(tensor.Name, tensor.DType, tensor.Shape, offset, offset + tensor.Data.Length);
                var expected = entry.ElementCount * tensor.DType.ElementSize();
                if (expected != tensor.Data.Length)
                {
                    throw new ArgumentException($"tensor '{tensor.Name}': {tensor.Data.Length} bytes do not hold shape "
                        + $"{entry.ShapeText} of {tensor.DType.HeaderName()} ({expected} bytes)", nameof(tensors));
                }

                if (!names.Add(tensor.Name))
                {
                    throw new ArgumentException($"the name '{tensor.Name}' is taken", nameof(tensors));
                }

                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", tensor.DType.HeaderName());
                WriteCounts(json, "shape", tensor.Shape);
                WriteCounts(json, "data_offsets", [entry.Begin, entry.End]);
                json.WriteEndObject();
                offset = entry.End;
            }

            json.WriteEndObject();
        }

        buffer.Write(Enumerable.Repeat((byte)' ', (int)(-buffer.Length & (HeaderAlignment - 1))).ToArray());
        return buffer.ToArray();
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, IReadOnlyList<long> counts)
    {
        json.WriteStartArray(name);
        foreach (var count in counts)
        {
            json.WriteNumberValue(count);
        }

        json.WriteEndArray();
    }

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
        if (!SafeTensorsDTypes.TryParse(dtypeName, out var dtype))
        {
            throw Invalid($"unknown dtype '{dtypeName}'; known: {string.Join(", ", SafeTensorsDTypes.Names)}");
        }

        var shape = ReadCounts(shapeValue) ?? throw Invalid("shape is not a list of non-negative integers");
        var offsets = ReadCounts(offsetsValue);
        if (offsets is not [var begin, var end] || begin > end)
        {
            throw Invalid("data_offsets is not [begin, end] with 0 <= begin <= end");
        }

        var entry = new SafeTensorsEntry(name, dtype, shape, begin, end);
        long elementCount;
        try
        {
            elementCount = checked(shape.Aggregate(1L, (product, size) => product * size) * dtype.ElementSize());
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

    /// <summary>The entry's bytes as elements of <typeparamref name="T"/>, which the caller matched to its dtype.</summary>
    private unsafe T[] Read<T>(SafeTensorsEntry entry) where T : unmanaged
    {
        var count = (entry.End - entry.Begin) / sizeof(T);
        if (count > Array.MaxLength)
        {
            throw new InvalidOperationException($"{Path}: tensor '{entry.Name}' has {entry.End - entry.Begin} bytes, "
                + "more than an array holds");
        }

        var values = new T[count];
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
