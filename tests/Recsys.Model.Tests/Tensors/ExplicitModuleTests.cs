using Recsys.Model.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Recsys.Model.Tests.Tensors;

[Collection(TorchCollection.Name)]
public sealed class ExplicitModuleTests
{
    private static readonly string[] LayerParameters =
    [
        "attention.self.scale", "attention.self.query.weight", "attention.self.query.bias",
        "attention.LayerNorm.weight", "attention.LayerNorm.bias",
    ];

    [SkippableFact]
    public void Parameters_get_dotted_names_like_a_hugging_face_checkpoint_each_once()
    {
        TorchCollection.RequireLibTorch();
        using var encoder = new TinyEncoder(layers: 2);

        var names = encoder.named_parameters().Select(named => named.name).ToList();

        Assert.Equal(
            Enumerable.Range(0, 2).SelectMany(layer => LayerParameters.Select(name => $"layer.{layer}.{name}")).Order(StringComparer.Ordinal),
            names.Order(StringComparer.Ordinal));
        // TorchSharp would also register each property's backing field: every key once, and only these.
        Assert.Equal(names.Order(StringComparer.Ordinal), encoder.state_dict().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["layer", "layer.0", "layer.0.attention", "layer.0.attention.LayerNorm", "layer.0.attention.self",
             "layer.0.attention.self.query", "layer.0.dropout", "layer.1", "layer.1.attention", "layer.1.attention.LayerNorm",
             "layer.1.attention.self", "layer.1.attention.self.query", "layer.1.dropout"],
            encoder.named_modules().Select(named => named.name).Order(StringComparer.Ordinal));
        Assert.All(encoder.parameters(), parameter => Assert.True(parameter.requires_grad));
        Assert.Same(encoder.Layers[1].Attention.Self.Scale,
            encoder.named_parameters().Single(named => named.name == "layer.1.attention.self.scale").parameter);
    }

    [SkippableFact]
    public void Evaluation_mode_reaches_every_module_and_turns_dropout_off()
    {
        TorchCollection.RequireLibTorch();
        using var encoder = new TinyEncoder(layers: 2);
        using var scope = torch.NewDisposeScope();
        var input = ones(1000);
        var dropout = encoder.Layers[1].Dropout;

        encoder.eval();

        Assert.False(encoder.training);
        Assert.All(encoder.modules(), module => Assert.False(module.training));
        Assert.Equal(1000f, dropout.forward(input).sum().item<float>());

        encoder.train();

        Assert.All(encoder.modules(), module => Assert.True(module.training));
        Assert.NotEqual(1000f, dropout.forward(input).sum().item<float>());
    }

    [SkippableFact]
    public void Disposing_a_module_frees_its_parameters_and_those_of_its_parts()
    {
        TorchCollection.RequireLibTorch();
        var encoder = new TinyEncoder(layers: 3);
        var parameters = encoder.parameters().ToList();
        Assert.Equal(15, parameters.Count);
        Assert.All(parameters, parameter => Assert.False(parameter.IsInvalid));

        encoder.Dispose();

        Assert.All(parameters, parameter => Assert.True(parameter.IsInvalid));
    }

    [SkippableFact]
    public void A_module_built_inside_a_dispose_scope_keeps_its_parameters_when_the_scope_ends()
    {
        TorchCollection.RequireLibTorch();
        LookupWithBias module;
        using (torch.NewDisposeScope())
        {
            module = new LookupWithBias();
        }

        using (module)
        {
            Assert.Equal(["bias", "lookup.weight"], module.named_parameters().Select(named => named.name).Order(StringComparer.Ordinal));
            Assert.All(module.parameters(), parameter => Assert.False(parameter.IsInvalid));
        }
    }

    /// <summary>The two kinds of parameter TorchSharp puts on the open dispose scope: a native module's (Embedding)
    /// and one made from a tensor.</summary>
    private sealed class LookupWithBias : ExplicitModule
    {
        public LookupWithBias() : base(nameof(LookupWithBias))
        {
            Register("lookup", nn.Embedding(5, 2));
            Register("bias", new TorchSharp.Modules.Parameter(zeros(2)));
        }
    }

    [SkippableFact]
    public void Built_in_layers_start_from_pytorch_initialisations()
    {
        // The models' checkpoints and their tests assume PyTorch's defaults, which TorchSharp's managed layers re-implement.
        TorchCollection.RequireLibTorch();
        using var linear = nn.Linear(16, 8);
        using var embedding = nn.Embedding(5, 4, padding_idx: 2);
        using var norm = nn.LayerNorm([4], eps: 1e-12);
        using var scope = torch.NewDisposeScope();

        Assert.All(linear.weight!.data<float>().ToArray(), value => Assert.InRange(value, -0.25f, 0.25f));
        Assert.All(linear.bias!.data<float>().ToArray(), value => Assert.InRange(value, -0.25f, 0.25f));
        Assert.Equal([0f, 0f, 0f, 0f], embedding.weight![2].data<float>().ToArray());
        Assert.Equal([1f, 1f, 1f, 1f], norm.weight!.data<float>().ToArray());
        Assert.Equal([0f, 0f, 0f, 0f], norm.bias!.data<float>().ToArray());
        Assert.Equal([2L, 3L, 4L], embedding.forward(tensor(new long[] { 0, 1, 2, 3, 4, 0 }, [2, 3])).shape);
    }
}
