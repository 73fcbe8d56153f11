using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Recsys.Model.Checkpoints;
using Recsys.Model.Data;
using Recsys.Model.Tests.Support;
using static Recsys.Model.Tests.Support.SafeTensorsBytes;

namespace Recsys.Model.Tests.Checkpoints;

public sealed class SafeTensorsFileTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void The_fixture_tensors_tile_its_data_region_with_spans_that_fit_their_shapes()
    {
        var path = TinyBert.File(BertCheckpoint.WeightsFileName);
        using var file = SafeTensorsFile.Open(path);

        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal(39, file.Entries.Count);
        long end = 0;
        foreach (var entry in file.Entries)
        {
            Assert.Equal(SafeTensorsDType.Float32, entry.DType);
            Assert.Equal(end, entry.Begin); // no gap, no overlap
            Assert.Equal(entry.ElementCount * sizeof(float), entry.End - entry.Begin);
            Assert.Equal(entry.ElementCount, file.ReadFloats(entry.Name).Length);
            end = entry.End;
        }

        Assert.Equal(new FileInfo(path).Length, file.DataStart + end);
    }

    [Fact]
    public void Widens_half_and_bfloat16_exactly_and_reads_int64()
    {
        var path = Write(Build([
            new Tensor("half", "F16", [2, 2], Bytes((Half)1.5, (Half)(-2), Half.MaxValue, Half.Epsilon)),
            new Tensor("brain", "BF16", [3], Bytes<ushort>(0x3F80, 0xC060, 0x7F80)),
            new Tensor("ids", "I64", [3], Bytes(0L, 1L, long.MaxValue)),
            Tensor.Floats("scalar", [], [0.25f]),
            new Tensor("empty", "F32", [0, 4], []),
        ]));
        using var file = SafeTensorsFile.Open(path);

        Assert.Equal([1.5f, -2f, 65504f, (float)Half.Epsilon], file.ReadFloats("half"));
        Assert.Equal([1f, -3.5f, float.PositiveInfinity], file.ReadFloats("brain"));
        Assert.Equal([0L, 1L, long.MaxValue], file.ReadInt64s("ids"));
        Assert.Equal([0.25f], file.ReadFloats("scalar"));
        Assert.Empty(file.ReadFloats("empty"));
        Assert.Empty(file.GetEntry("scalar").Shape);
    }

    [Fact]
    public void Reading_a_tensor_as_the_wrong_type_or_by_an_unknown_name_says_so()
    {
        using var file = SafeTensorsFile.Open(Write(Build([new Tensor("ids", "I64", [1], Bytes(7L)), Tensor.Floats("x", [1], [1f])])));

        Assert.Contains("'ids' is Int64; expected Float32", Assert.Throws<InvalidOperationException>(() => file.ReadFloats("ids")).Message);
        Assert.Contains("'x' is Float32; expected Int64", Assert.Throws<InvalidOperationException>(() => file.ReadInt64s("x")).Message);
        Assert.Contains("no tensor 'y'", Assert.Throws<KeyNotFoundException>(() => file.GetEntry("y")).Message);
        Assert.False(file.Contains("y"));
    }

    [Fact]
    public void Writes_the_layout_pytorch_reads()
    {
        var path = folder.File("model.safetensors");
        float[] weights = [1.5f, -2f, 0.25f, 4f, 5f, 6f];
        long[] ids = [7, 8];

        SafeTensorsFile.Write(path,
        [
            new SafeTensorsData("w", SafeTensorsDType.Float32, [2, 3], Bytes(weights)),
            new SafeTensorsData("ids", SafeTensorsDType.Int64, [2], Bytes(ids)),
        ], new Dictionary<string, string> { ["format"] = "pt" });

        var file = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0, headerLength % 8);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(file, 8, headerLength));
        Assert.Equal("pt", header.RootElement.GetProperty("__metadata__").GetProperty("format").GetString());
        var w = header.RootElement.GetProperty("w");
        Assert.Equal("F32", w.GetProperty("dtype").GetString());
        Assert.Equal([2L, 3L], w.GetProperty("shape").EnumerateArray().Select(size => size.GetInt64()));
        Assert.Equal([0L, 24L], w.GetProperty("data_offsets").EnumerateArray().Select(offset => offset.GetInt64()));
        Assert.Equal([24L, 40L], header.RootElement.GetProperty("ids").GetProperty("data_offsets").EnumerateArray().Select(offset => offset.GetInt64()));
        Assert.Equal(8 + headerLength + 40, file.Length);
        Assert.Equal(Bytes(weights), file.AsSpan(8 + headerLength, 24).ToArray());
    }

    [Fact]
    public void Reads_back_what_it_writes_with_entries_metadata_and_widened_values()
    {
        var path = folder.File("model.safetensors");
        float[] halfValues = [1f, -2.5f, 0.15625f];
        // bfloat16 keeps the upper 16 bits of a float32; these values need no rounding.
        var bfloat16 = halfValues.Select(value => (ushort)(BitConverter.SingleToInt32Bits(value) >> 16)).ToArray();
        SafeTensorsFile.Write(path,
        [
            new SafeTensorsData("a", SafeTensorsDType.Float32, [3], Bytes(1f, 2f, 3f)),
            new SafeTensorsData("b", SafeTensorsDType.Int32, [2, 1], Bytes(-5, 6)),
            new SafeTensorsData("bytes", SafeTensorsDType.UInt8, [2], Bytes<byte>(9, 255)),
            new SafeTensorsData("wide", SafeTensorsDType.Float64, [2], Bytes(0.5, -1.25)),
            new SafeTensorsData("empty", SafeTensorsDType.Float64, [0, 4], Array.Empty<byte>()),
            new SafeTensorsData("half", SafeTensorsDType.Float16, [3], Bytes(halfValues.Select(value => (Half)value).ToArray())),
            new SafeTensorsData("brain", SafeTensorsDType.BFloat16, [3], Bytes(bfloat16)),
        ], new Dictionary<string, string> { ["note"] = "hello" });

        using var file = SafeTensorsFile.Open(path);

        Assert.Equal(["a", "b", "bytes", "wide", "empty", "half", "brain"], file.Entries.Select(entry => entry.Name));
        Assert.Equal("hello", file.Metadata["note"]);
        Assert.Equal([1f, 2f, 3f], file.ReadFloats("a"));
        Assert.Equal([-5L, 6L], file.ReadInt64s("b"));
        Assert.Equal([9L, 255L], file.ReadInt64s("bytes"));
        Assert.Equal([0.5f, -1.25f], file.ReadFloats("wide"));
        Assert.Equal([2L, 1L], file.GetEntry("b").Shape);
        Assert.Equal(Bytes(-5, 6), file.ReadBytes("b"));
        Assert.Empty(file.ReadFloats("empty"));
        Assert.Equal(halfValues, file.ReadFloats("half"));
        Assert.Equal(halfValues, file.ReadFloats("brain"));
        Assert.Throws<KeyNotFoundException>(() => file.GetEntry("c"));
        Assert.Throws<InvalidOperationException>(() => file.ReadInt64s("a"));
    }

    [Fact]
    public void Writing_bytes_that_do_not_fit_their_shape_or_a_name_twice_is_refused()
    {
        var path = folder.File("model.safetensors");

        var size = Assert.Throws<ArgumentException>(() =>
            SafeTensorsFile.Write(path, [new SafeTensorsData("x", SafeTensorsDType.Float32, [2], new byte[4])]));
        var twice = Assert.Throws<ArgumentException>(() => SafeTensorsFile.Write(path,
        [
            new SafeTensorsData("x", SafeTensorsDType.Float32, [1], new byte[4]),
            new SafeTensorsData("x", SafeTensorsDType.Float32, [1], new byte[4]),
        ]));
        var reserved = Assert.Throws<ArgumentException>(() =>
            SafeTensorsFile.Write(path, [new SafeTensorsData("__metadata__", SafeTensorsDType.Float32, [1], new byte[4])]));

        Assert.Contains("tensor 'x': 4 bytes do not hold shape [2] of F32 (8 bytes)", size.Message);
        Assert.Contains("'x' is taken", twice.Message);
        Assert.Contains("'__metadata__' is taken", reserved.Message);
    }

    [Fact]
    public void A_file_shorter_than_the_header_length_is_rejected() =>
        AssertInvalid([1, 0, 0], "3 bytes, too short for the 8-byte header length");

    [Fact]
    public void A_header_length_beyond_the_end_of_the_file_is_rejected() =>
        AssertInvalid([.. BitConverter.GetBytes(1000UL), .. "{}"u8], "header length 1000 is more than the 2 bytes after it");

    [Fact]
    public void A_header_length_beyond_the_format_limit_is_rejected() =>
        AssertInvalid([.. BitConverter.GetBytes(ulong.MaxValue), .. "{}"u8], "over the format's limit");

    [Fact]
    public void A_file_cut_inside_its_data_is_rejected()
    {
        var whole = Build([Tensor.Floats("x", [4], [1, 2, 3, 4])]);

        AssertInvalid(whole[..^3], "the tensors cover 16 bytes of data but the file holds 13 (truncated file?)");
    }

    [Theory]
    [InlineData("""{"x": {"dtype": "F17", "shape": [1], "data_offsets": [0, 4]}}""", 4, "tensor 'x': unknown dtype 'F17'")]
    [InlineData("""{"x": {"dtype": "F32", "shape": [2], "data_offsets": [0, 4]}}""", 4, "4 bytes at [0, 4) do not hold shape [2] of F32 (8 bytes)")]
    [InlineData("""{"x": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}}""", 4, "shape is not a list of non-negative integers")]
    [InlineData("""{"x": {"dtype": "F32", "shape": [1], "data_offsets": [4, 0]}}""", 4, "data_offsets is not [begin, end]")]
    [InlineData("""{"x": {"dtype": "F32", "shape": [1]}}""", 4, "expected an object with dtype (a string), shape and data_offsets")]
    [InlineData("""{"x": {"dtype": "F32", "shape": [4611686018427387904], "data_offsets": [0, 4]}}""", 4, "shape [4611686018427387904] is too large")]
    [InlineData("""{"x": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "y": {"dtype": "F32", "shape": [1], "data_offsets": [2, 6]}}""", 6, "tensor 'y' at [2, 6) overlaps the tensor before it")]
    [InlineData("""{"x": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}""", 8, "tensor 'x' at [4, 8) leaves a gap after byte 0")]
    [InlineData("""{"x": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}""", 6, "the tensors cover 4 bytes of data but the file holds 6")]
    [InlineData("""{"x": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "x": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}""", 8, "names 'x' twice")]
    [InlineData("""{"__metadata__": {"format": 1}}""", 0, "__metadata__.format is not a string")]
    [InlineData("""[1, 2]""", 0, "the header is not a JSON object")]
    [InlineData("""{"x": """, 0, "the header is not valid JSON")]
    public void A_malformed_header_is_rejected_with_the_reason(string header, int dataLength, string reason) =>
        AssertInvalid(Build(header, new byte[dataLength]), reason);

    private void AssertInvalid(byte[] content, string reason)
    {
        var path = Write(content);

        var error = Assert.Throws<DataFormatException>(() => SafeTensorsFile.Open(path).Dispose());

        Assert.Equal(path, error.File);
        Assert.Contains(reason, error.Message);
    }

    private string Write(byte[] content)
    {
        var path = folder.File("model.safetensors");
        File.WriteAllBytes(path, content);
        return path;
    }
}
