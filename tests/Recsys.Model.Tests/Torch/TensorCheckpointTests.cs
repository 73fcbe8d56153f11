using Recsys.Model.Checkpoints;
using Recsys.Model.Tests.Support;
using Recsys.Model.Torch;

namespace Recsys.Model.Tests.Torch;

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
        using var scope = TorchCollection.OpenScope();
        var path = TinyBert.File(BertCheckpoint.WeightsFileName);

        var tensors = TensorCheckpoint.Load(path);

        Assert.Equal(39, tensors.Count);
        Assert.Equal([600L, 32L], tensors["embeddings.word_embeddings.weight"].Shape);
        Assert.Equal(DType.Float32, tensors["encoder.layer.0.attention.self.query.weight"].DType);
        Assert.Equal([32L, 32L], tensors["pooler.dense.weight"].Shape);
        Assert.Equal([64L, 32L], tensors["encoder.layer.1.intermediate.dense.weight"].Shape);
        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(file.ReadFloats("pooler.dense.bias"), tensors["pooler.dense.bias"].ToArray<float>());
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
}
