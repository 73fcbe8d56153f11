using Recsys.Model.Checkpoints;
using Recsys.Model.Tensors;
using Recsys.Model.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Recsys.Model.Tests.Tensors;

[Collection(TorchCollection.Name)]
public sealed class TensorCheckpointTests
{
    [SkippableFact]
    public void A_checkpoint_of_tensors_round_trips_with_dtypes_and_shapes()
    {
        using var scope = TorchCollection.OpenScope();
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "model.safetensors");
        var saved = new Dictionary<string, Tensor>
        {
            ["encoder.weight"] = randn(3, 4),
            ["encoder.bias"] = randn(4, ScalarType.Float64),
            ["ids"] = arange(0, 6).reshape(2, 3),
            ["positions"] = tensor(new[] { 3, -1 }),
            ["mask"] = tensor(new[] { true, false }),
            ["bytes"] = tensor(new byte[] { 0, 255 }),
            ["brain"] = randn(2, 2).to(ScalarType.BFloat16),
            ["half"] = randn(3).to(ScalarType.Float16),
            ["scalar"] = tensor(3.5),
            // Not contiguous: saved in row-major order all the same.
            ["transposed"] = arange(0f, 6f).reshape(2, 3).t(),
        };

        TensorCheckpoint.Save(path, saved, new Dictionary<string, string> { ["format"] = "pt" });
        var loaded = TensorCheckpoint.Load(path);

        Assert.Equal(saved.Keys.Order(), loaded.Keys.Order());
        foreach (var (name, tensor) in saved)
        {
            Assert.Equal(tensor.dtype, loaded[name].dtype);
            Assert.Equal(tensor.shape, loaded[name].shape);
            Assert.True(tensor.Equals(loaded[name]), name);
        }

        using var file = SafeTensorsFile.Open(path);
        Assert.Equal("pt", file.Metadata["format"]);
    }

    [SkippableFact]
    public void Reads_the_tiny_bert_checkpoint_made_by_pytorch()
    {
        using var scope = TorchCollection.OpenScope();
        var path = TinyBert.File(BertCheckpoint.WeightsFileName);

        var tensors = TensorCheckpoint.Load(path);

        Assert.Equal(39, tensors.Count);
        Assert.Equal([600L, 32L], tensors["embeddings.word_embeddings.weight"].shape);
        Assert.Equal(ScalarType.Float32, tensors["encoder.layer.0.attention.self.query.weight"].dtype);
        Assert.Equal([32L, 32L], tensors["pooler.dense.weight"].shape);
        Assert.Equal([64L, 32L], tensors["encoder.layer.1.intermediate.dense.weight"].shape);
        Assert.Equal(DeviceType.CPU, tensors["pooler.dense.bias"].device_type);
        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(file.ReadFloats("pooler.dense.bias"), tensors["pooler.dense.bias"].data<float>().ToArray());
    }

    [SkippableFact]
    public void A_tensor_of_a_type_libtorch_does_not_hold_here_is_named()
    {
        using var scope = TorchCollection.OpenScope();
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "model.safetensors");
        SafeTensorsFile.Write(path, [new SafeTensorsData("counts", SafeTensorsDType.UInt16, [2], new byte[4])]);

        var error = Assert.Throws<Recsys.Model.Data.DataFormatException>(() => TensorCheckpoint.Load(path));

        Assert.Contains("tensor 'counts' is UInt16", error.Message);
    }

    [SkippableFact]
    public void Loading_leaves_only_the_returned_tensors_alive()
    {
        var before = TorchCollection.StartCountingTensors();
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "model.safetensors");
        using (var scope = torch.NewDisposeScope())
        {
            TensorCheckpoint.Save(path, new Dictionary<string, Tensor> { ["a"] = ones(2, 3), ["b"] = zeros(4).t() });
        }

        var loaded = TensorCheckpoint.Load(path);
        Assert.Equal(before + 2, Tensor.TotalCount);
        foreach (var tensor in loaded.Values)
        {
            tensor.Dispose();
        }

        Assert.Equal(before, Tensor.TotalCount);
    }
}
