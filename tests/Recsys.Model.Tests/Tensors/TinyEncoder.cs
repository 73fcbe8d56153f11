using Recsys.Model.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Tests.Tensors;

/// <summary>BERT's naming in miniature, built as the models are (<see cref="ExplicitModule"/>, parts kept in get-only
/// properties): layer.N.attention.self.query, layer.N.attention.LayerNorm, a parameter of its own (scale) and a
/// dropout in every layer.</summary>
internal sealed class TinyEncoder : ExplicitModule
{
    public TinyEncoder(int layers) : base(nameof(TinyEncoder))
    {
        Layers = Register("layer", new ModuleList<TinyLayer>(Enumerable.Range(0, layers).Select(_ => new TinyLayer()).ToArray()));
    }

    public ModuleList<TinyLayer> Layers { get; }
}

internal sealed class TinyLayer : ExplicitModule
{
    public TinyLayer() : base(nameof(TinyLayer))
    {
        Attention = Register("attention", new TinyAttention());
        Dropout = Register("dropout", nn.Dropout(0.5));
    }

    public TinyAttention Attention { get; }

    public Dropout Dropout { get; }
}

internal sealed class TinyAttention : ExplicitModule
{
    public TinyAttention() : base(nameof(TinyAttention))
    {
        Self = Register("self", new TinySelfAttention());
        Norm = Register("LayerNorm", nn.LayerNorm([4]));
    }

    public TinySelfAttention Self { get; }

    public LayerNorm Norm { get; }
}

internal sealed class TinySelfAttention : ExplicitModule
{
    public TinySelfAttention() : base(nameof(TinySelfAttention))
    {
        Query = Register("query", nn.Linear(4, 4));
        Scale = Register("scale", new Parameter(ones(1)));
    }

    public Linear Query { get; }

    public Parameter Scale { get; }
}
