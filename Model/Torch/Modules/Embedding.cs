namespace Recsys.Model.Torch.Modules;

/// <summary>A lookup table of <c>count</c> vectors of size <c>dimension</c>, initialised from N(0, 1) as PyTorch
/// does. The optional padding row starts at zero and never gets a gradient.</summary>
public sealed class Embedding : Module
{
    public Embedding(long count, long dimension, long? paddingIndex = null, Device? device = null)
    {
        PaddingIndex = paddingIndex;
        using var scope = LibTorch.NewDisposeScope();
        var values = LibTorch.Randn([count, dimension], device: device);
        if (paddingIndex is { } padding)
        {
            values = values.MaskedFill(LibTorch.Arange(0, count, device: device).Eq(padding).Unsqueeze(1), 0);
        }

        Weight = RegisterParameter("weight", new Parameter(values));
    }

    public Parameter Weight { get; }

    public long? PaddingIndex { get; }

    /// <summary>The vectors of the int64 <paramref name="indices"/>: shape [..indices.., dimension].</summary>
    public Tensor Forward(Tensor indices) => Functional.Embedding(indices, Weight, PaddingIndex);
}
