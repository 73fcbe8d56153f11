using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Recsys.Model.Tests.Support;
using Recsys.Model.Torch;

namespace Recsys.Model.Tests.Torch;

[Collection(TorchCollection.Name)]
public sealed class SafeTensorsTests
{
    [Fact]
    public void Writes_the_layout_pytorch_reads()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "model.safetensors");
        float[] weights = [1.5f, -2f, 0.25f, 4f, 5f, 6f];
        long[] ids = [7, 8];

        SafeTensors.Write(path,
        [
            new SafeTensorData("w", "F32", [2, 3], Bytes(weights)),
            new SafeTensorData("ids", "I64", [2], Bytes(ids)),
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
    public void Reads_back_entries_metadata_and_values()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "model.safetensors");
        SafeTensors.Write(path,
        [
            new SafeTensorData("a", "F32", [3], Bytes([1f, 2f, 3f])),
            new SafeTensorData("b", "I32", [2, 1], Bytes([-5, 6])),
            new SafeTensorData("empty", "F64", [0, 4], Array.Empty<byte>()),
        ], new Dictionary<string, string> { ["note"] = "hello" });

        using var file = SafeTensorsFile.Open(path);

        Assert.Equal(["a", "b", "empty"], file.Entries.Select(entry => entry.Name));
        Assert.Equal("hello", file.Metadata["note"]);
        Assert.Equal([1f, 2f, 3f], file.ReadFloats(file["a"]));
        Assert.Equal([-5L, 6L], file.ReadInt64s(file["b"]));
        Assert.Equal([2L, 1L], file["b"].Shape);
        Assert.Empty(file.ReadFloats(file["empty"]));
        Assert.False(file.Contains("c"));
        Assert.Throws<KeyNotFoundException>(() => file["c"]);
        Assert.Throws<FormatException>(() => file.ReadInt64s(file["a"]));
    }

    [Fact]
    public void Reads_half_precision_as_float()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "half.safetensors");
        float[] values = [1f, -2.5f, 0.15625f];
        // bfloat16 keeps the upper 16 bits of a float32; these values need no rounding.
        var bfloat16 = values.Select(value => (ushort)(BitConverter.SingleToInt32Bits(value) >> 16)).ToArray();
        SafeTensors.Write(path,
        [
            new SafeTensorData("half", "F16", [3], Bytes(values.Select(value => (Half)value).ToArray())),
            new SafeTensorData("brain", "BF16", [3], Bytes(bfloat16)),
        ]);

        using var file = SafeTensorsFile.Open(path);

        Assert.Equal(values, file.ReadFloats(file["half"]));
        Assert.Equal(values, file.ReadFloats(file["brain"]));
    }

    [Fact]
    public void Refuses_files_whose_header_does_not_fit()
    {
        using var directory = new TempDirectory();
        var tooLong = Path.Combine(directory.Path, "too-long.safetensors");
        File.WriteAllBytes(tooLong, [200, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}']);
        var badOffsets = Path.Combine(directory.Path, "bad-offsets.safetensors");
        var header = Encoding.UTF8.GetBytes("""{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,12]}}""");
        File.WriteAllBytes(badOffsets, [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. new byte[12]]);

        Assert.Contains("header length 200", Assert.Throws<FormatException>(() => SafeTensorsFile.Open(tooLong)).Message);
        Assert.Contains("tensor 'x'", Assert.Throws<FormatException>(() => SafeTensorsFile.Open(badOffsets)).Message);
        Assert.Throws<ArgumentException>(() => SafeTensors.Write(Path.Combine(directory.Path, "x"), [new SafeTensorData("x", "F32", [2], new byte[4])]));
    }

    [SkippableFact]
    public void A_checkpoint_of_tensors_round_trips_with_dtypes_and_shapes()
    {
        using var scope = TorchCollection.OpenScope();
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "model.safetensors");
        var saved = new Dictionary<string, Tensor>
        {
            ["encoder.weight"] = LibTorch.Randn([3, 4]),
            ["encoder.bias"] = LibTorch.Randn([4], DType.Float64),
            ["ids"] = LibTorch.Arange(0, 6).Reshape(2, 3),
            ["mask"] = LibTorch.FromArray<bool>([true, false]),
            ["half"] = LibTorch.Randn([2, 2]).To(DType.BFloat16),
            ["scalar"] = LibTorch.Full([], 3.5),
        };

        TensorCheckpoint.Save(path, saved, new Dictionary<string, string> { ["format"] = "pt" });
        var loaded = TensorCheckpoint.Load(path);

        Assert.Equal(saved.Keys.Order(), loaded.Keys.Order());
        foreach (var (name, tensor) in saved)
        {
            Assert.Equal(tensor.DType, loaded[name].DType);
            Assert.Equal(tensor.Shape, loaded[name].Shape);
            Assert.Equal(tensor.ToBytes(), loaded[name].ToBytes());
        }
    }

    [SkippableFact]
    public void Reads_the_tiny_bert_checkpoint_made_by_pytorch()
    {
        var path = FindTinyBert();
        Skip.If(path is null, "the tiny-bert fixture (shared/fixtures/tiny-bert) was not found above the test binaries");
        using var scope = TorchCollection.OpenScope();

        using (var file = SafeTensorsFile.Open(path))
        {
            Assert.Equal([600L, 32L], file["embeddings.word_embeddings.weight"].Shape);
            Assert.Equal("F32", file["encoder.layer.0.attention.self.query.weight"].DType);
        }

        var tensors = TensorCheckpoint.Load(path);
        Assert.Equal([32L, 32L], tensors["pooler.dense.weight"].Shape);
        Assert.Equal([64L, 32L], tensors["encoder.layer.1.intermediate.dense.weight"].Shape);
    }

    private static string? FindTinyBert()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "fixtures", "tiny-bert", "model.safetensors");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static byte[] Bytes<T>(T[] values) where T : unmanaged => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
