using Recsys.Model.Checkpoints;
using Recsys.Model.Tensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>The transformer layers in order, <c>layer.0</c>, <c>layer.1</c>, ...: what Hugging Face calls
/// <c>BertEncoder</c> (here that name is the whole model).</summary>
public sealed class BertLayerStack : ExplicitModule
{
    private readonly ModuleList<BertLayer> layers;

    public BertLayerStack(BertConfig config, Device? device = null)
        : base(nameof(BertLayerStack))
    {
        layers = Register("layer",
            nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new BertLayer(config, device)).ToArray()));
    }

    public BertLayer this[int index] => layers[index];

    public Tensor Forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        foreach (var layer in layers)
        {
            hidden = layer.Forward(hidden, additiveMask);
        }

        return hidden.MoveToOuterDisposeScope();
    }
}
