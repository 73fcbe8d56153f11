using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;

namespace Recsys.Model.Tests.Torch;

[Collection(TorchCollection.Name)]
public sealed class ModuleTests
{
    [SkippableFact]
    public void Parameters_get_dotted_names_like_a_hugging_face_checkpoint()
    {
        TorchCollection.RequireLibTorch();
        using var encoder = new Encoder(layers: 2);

        var names = encoder.NamedParameters().Select(named => named.Name).ToList();

        Assert.Equal(
        [
            "layer.0.attention.self.query.weight", "layer.0.attention.self.query.bias",
            "layer.0.attention.LayerNorm.weight", "layer.0.attention.LayerNorm.bias",
            "layer.1.attention.self.query.weight", "layer.1.attention.self.query.bias",
            "layer.1.attention.LayerNorm.weight", "layer.1.attention.LayerNorm.bias",
        ], names);
        Assert.Equal(["", "layer", "layer.0", "layer.0.attention", "layer.0.attention.self", "layer.0.attention.self.query"],
            encoder.NamedModules().Select(named => named.Name).Take(6));
        Assert.All(encoder.Parameters(), parameter => Assert.True(parameter.RequiresGrad));
    }

    [SkippableFact]
    public void A_state_dict_loads_into_another_instance()
    {
        TorchCollection.RequireLibTorch();
        using var source = new Encoder(layers: 1);
        using var target = new Encoder(layers: 1);

        var (missing, unexpected) = target.LoadStateDict(source.StateDict());

        Assert.Empty(missing);
        Assert.Empty(unexpected);
        foreach (var ((name, loaded), (_, original)) in target.NamedParameters().Zip(source.NamedParameters()))
        {
            Assert.True(loaded.ToArray<float>().SequenceEqual(original.ToArray<float>()), name);
            Assert.True(loaded.RequiresGrad, name);
        }
    }

    [SkippableFact]
    public void Loading_a_state_that_does_not_fit_says_what_is_wrong()
    {
        using var scope = TorchCollection.OpenScope();
        using var encoder = new Encoder(layers: 1);
        var state = encoder.StateDict();
        state.Remove("layer.0.attention.LayerNorm.bias");
        state["pooler.dense.weight"] = LibTorch.Zeros([2, 2]);

        var strict = Assert.Throws<TorchException>(() => encoder.LoadStateDict(state));
        Assert.Contains("missing layer.0.attention.LayerNorm.bias", strict.Message);
        Assert.Contains("unexpected pooler.dense.weight", strict.Message);

        var (missing, unexpected) = encoder.LoadStateDict(state, strict: false);
        Assert.Equal(["layer.0.attention.LayerNorm.bias"], missing);
        Assert.Equal(["pooler.dense.weight"], unexpected);

        var wrongShape = new Dictionary<string, Tensor> { ["layer.0.attention.self.query.weight"] = LibTorch.Zeros([3, 4]) };
        var shape = Assert.Throws<TorchException>(() => encoder.LoadStateDict(wrongShape, strict: false));
        Assert.Contains("layer.0.attention.self.query.weight: the state holds shape [3, 4] but the parameter has [4, 4]", shape.Message);
    }

    [SkippableFact]
    public void Evaluation_mode_reaches_every_module_and_turns_dropout_off()
    {
        using var scope = TorchCollection.OpenScope();
        using var dropout = new Dropout(0.5);
        using var encoder = new Encoder(layers: 2);
        var ones = LibTorch.Ones([1000]);

        encoder.Eval();
        dropout.Eval();

        Assert.All(encoder.NamedModules(), named => Assert.False(named.Module.IsTraining));
        Assert.Equal(1000f, dropout.Forward(ones).Sum().Item<float>());
        dropout.Train();
        Assert.NotEqual(1000f, dropout.Forward(ones).Sum().Item<float>());
    }

    [SkippableFact]
    public void Converting_a_module_keeps_its_parameter_objects()
    {
        using var scope = TorchCollection.OpenScope();
        using var linear = new Linear(3, 2);
        var weight = linear.Weight;

        linear.To(DType.Float64);
        linear.To(Device.Cpu);

        Assert.Same(weight, linear.Weight);
        Assert.Equal(DType.Float64, linear.Weight.DType);
        Assert.True(linear.Weight.RequiresGrad);
        linear.Forward(LibTorch.Ones([1, 3], DType.Float64)).Sum().Backward();
        Assert.Equal([1.0, 1.0], linear.Bias!.Grad!.ToArray<double>());
        Assert.Throws<ArgumentException>(() => linear.To(DType.Int64));
    }

    [SkippableFact]
    public void Layers_start_from_pytorch_initialisations()
    {
        using var scope = TorchCollection.OpenScope();
        using var linear = new Linear(16, 8);
        using var embedding = new Embedding(5, 4, paddingIndex: 2);
        using var norm = new LayerNorm(4, eps: 1e-12);

        Assert.All(linear.Weight.ToArray<float>(), value => Assert.InRange(value, -0.25f, 0.25f));
        Assert.Equal([0f, 0f, 0f, 0f], embedding.Weight.Select(0, 2).ToArray<float>());
        Assert.Equal([1f, 1f, 1f, 1f], norm.Weight.ToArray<float>());
        Assert.Equal([0f, 0f, 0f, 0f], norm.Bias.ToArray<float>());
        Assert.Equal(1e-12, norm.Eps);
        Assert.Equal([2L, 3L, 4L], embedding.Forward(LibTorch.FromArray<long>([0, 1, 2, 3, 4, 0], [2, 3])).Shape);
    }

    [SkippableFact]
    public void Disposing_a_module_frees_its_parameters()
    {
        var before = TorchCollection.StartCountingTensors();
        var encoder = new Encoder(layers: 3);
        Assert.Equal(before + 12, Tensor.LiveCount);

        encoder.Dispose();

        Assert.Equal(before, Tensor.LiveCount);
    }

    [SkippableFact]
    public void Names_must_be_unique_and_without_dots()
    {
        TorchCollection.RequireLibTorch();
        using var module = new Named();
        module.Add("weight");

        Assert.Throws<ArgumentException>(() => module.Add("weight"));
        Assert.Throws<ArgumentException>(() => module.Add("a.b"));
        Assert.Throws<ArgumentException>(() => module.Add(""));
    }

    /// <summary>BERT's naming in miniature: layer.N.attention.self.query and layer.N.attention.LayerNorm.</summary>
    private sealed class Encoder : Module
    {
        public Encoder(int layers) =>
            RegisterModule("layer", new ModuleList<Layer>(Enumerable.Range(0, layers).Select(_ => new Layer())));
    }

    private sealed class Layer : Module
    {
        public Layer() => RegisterModule("attention", new Attention());
    }

    private sealed class Attention : Module
    {
        public Attention()
        {
            RegisterModule("self", new SelfAttention());
            RegisterModule("LayerNorm", new LayerNorm(4));
        }
    }

    private sealed class SelfAttention : Module
    {
        public SelfAttention() => RegisterModule("query", new Linear(4, 4));
    }

    private sealed class Named : Module
    {
        public void Add(string name)
        {
            var parameter = Parameter.Constant([1], 0);
            try
            {
                RegisterParameter(name, parameter);
            }
            catch
            {
                parameter.Dispose();
                throw;
            }
        }
    }
}
