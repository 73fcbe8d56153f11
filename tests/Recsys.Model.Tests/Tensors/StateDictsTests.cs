using Recsys.Model.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Tests.Tensors;

[Collection(TorchCollection.Name)]
public sealed class StateDictsTests
{
    [SkippableFact]
    public void A_state_dict_loads_into_another_instance_in_place()
    {
        TorchCollection.RequireLibTorch();
        using var source = new TinyEncoder(layers: 1);
        using var target = new TinyEncoder(layers: 1);
        var parameters = target.parameters().ToList();

        var (missing, unexpected) = StateDicts.Load(target, source.state_dict());

        Assert.Empty(missing);
        Assert.Empty(unexpected);
        foreach (var ((name, loaded), (_, original)) in target.named_parameters().Zip(source.named_parameters()))
        {
            Assert.True(loaded.Equals(original), name);
            Assert.True(loaded.requires_grad, name);
        }

        // Copied into the parameters, not swapped for new ones: an optimizer made earlier still holds them.
        Assert.Equal<Parameter>(parameters, target.parameters(), ReferenceEqualityComparer.Instance);
    }

    [SkippableFact]
    public void Values_are_converted_to_the_parameters_dtype()
    {
        TorchCollection.RequireLibTorch();
        using var encoder = new TinyEncoder(layers: 1);
        using var scope = torch.NewDisposeScope();
        var state = encoder.state_dict().ToDictionary(entry => entry.Key, entry => full_like(entry.Value, 0.5, ScalarType.Float64));

        StateDicts.Load(encoder, state);

        Assert.All(encoder.parameters(), parameter =>
        {
            Assert.Equal(ScalarType.Float32, parameter.dtype);
            Assert.All(parameter.data<float>().ToArray(), value => Assert.Equal(0.5f, value));
        });
    }

    [SkippableFact]
    public void Loading_a_state_that_does_not_fit_says_what_is_wrong()
    {
        TorchCollection.RequireLibTorch();
        using var encoder = new TinyEncoder(layers: 1);
        using var scope = torch.NewDisposeScope();
        var state = encoder.state_dict();
        state.Remove("layer.0.attention.LayerNorm.bias");
        state["pooler.dense.weight"] = zeros(2, 2);

        var strict = Assert.Throws<InvalidOperationException>(() => StateDicts.Load(encoder, state));
        Assert.Contains("missing layer.0.attention.LayerNorm.bias", strict.Message);
        Assert.Contains("unexpected pooler.dense.weight", strict.Message);

        var (missing, unexpected) = StateDicts.Load(encoder, state, strict: false);
        Assert.Equal(["layer.0.attention.LayerNorm.bias"], missing);
        Assert.Equal(["pooler.dense.weight"], unexpected);
    }

    [SkippableFact]
    public void A_value_of_another_shape_is_refused_rather_than_broadcast()
    {
        TorchCollection.RequireLibTorch();
        using var encoder = new TinyEncoder(layers: 1);
        using var scope = torch.NewDisposeScope();
        var query = encoder.Layers[0].Attention.Self.Query.weight!;
        var before = query.clone();
        var wrongShape = new Dictionary<string, Tensor> { ["layer.0.attention.self.query.weight"] = zeros(1, 4) };

        var error = Assert.Throws<InvalidOperationException>(() => StateDicts.Load(encoder, wrongShape, strict: false));

        Assert.Contains("layer.0.attention.self.query.weight: the state holds shape [1, 4] but the parameter has [4, 4]", error.Message);
        Assert.True(query.Equals(before));
    }
}
