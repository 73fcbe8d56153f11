using Recsys.Model.Encoders;
using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;

namespace Recsys.Model.Recommender;

/// <summary>A title's vector from a pre-trained BERT (<see cref="BertEncoder"/>, e.g. masked-LM pre-trained on the
/// catalog's titles): its mean-pooled final hidden states, frozen, through a trained linear projection. Frozen so
/// that the encoder runs once per item universe rather than over the whole catalog at every step (the towers
/// see every item's vector at every step), which keeps training on two CPU cores in minutes; its weights are
/// saved with the recommender's, so a new item's title is encoded as in training.</summary>
public sealed class BertTitleTower : ItemTextTower
{
    /// <summary>Titles encoded together when the universe's vectors are computed.</summary>
    private const int TitlesPerPass = 256;

    public BertTitleTower(BertEncoder encoder, long dimension, Device? device = null)
    {
        Encoder = RegisterModule("bert", encoder);
        foreach (var parameter in encoder.Parameters())
        {
            parameter.RequiresGrad = false;
        }

        Projection = RegisterModule("projection", new Linear(encoder.Config.HiddenSize, dimension, device: device));
        Dimension = dimension;
    }

    public override long Dimension { get; }

    /// <summary>Frozen: its parameters take no gradient.</summary>
    public BertEncoder Encoder { get; }

    public Linear Projection { get; }

    public override Tensor Encode(ItemInputs items, Tensor itemIndices)
    {
        using var scope = LibTorch.NewDisposeScope();
        items.FrozenTextVectors ??= EncodeAll(items);
        return Projection.Forward(items.FrozenTextVectors.IndexSelect(0, itemIndices)).MoveToOuterScope();
    }

    /// <summary>The encoder's mean-pooled vector of every title [items, hidden], in evaluation mode (no dropout)
    /// and without gradients.</summary>
    private Tensor EncodeAll(ItemInputs items)
    {
        using var noGrad = LibTorch.NoGrad();
        using var scope = LibTorch.NewDisposeScope();
        var training = Encoder.IsTraining;
        Encoder.Eval();
        var pooled = new List<Tensor>();
        for (long start = 0; start < items.Count; start += TitlesPerPass)
        {
            var count = Math.Min(TitlesPerPass, items.Count - start);
            pooled.Add(Encoder.EncodeMeanPooled(items.TitleIds.Narrow(0, start, count),
                items.TitleMask.Narrow(0, start, count)));
        }

        Encoder.Train(training);
        return LibTorch.Cat(pooled.ToArray(), 0).DetachFromDisposeScope();
    }
}
