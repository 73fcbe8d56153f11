using Recsys.Model.Encoders;
using TorchSharp.Modules;
using static TorchSharp.torch;

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
        : base(nameof(BertTitleTower))
    {
        Encoder = Register("bert", encoder);
        foreach (var parameter in encoder.parameters())
        {
            parameter.requires_grad = false;
        }

        Projection = Register("projection", nn.Linear(encoder.Config.HiddenSize, dimension, device: device));
        Dimension = dimension;
    }

    public override long Dimension { get; }

    /// <summary>Frozen: its parameters take no gradient.</summary>
    public BertEncoder Encoder { get; }

    public Linear Projection { get; }

    public override Tensor Encode(ItemInputs items, Tensor itemIndices)
    {
        using var scope = NewDisposeScope();
        items.FrozenTextVectors ??= EncodeAll(items);
        return Projection.forward(items.FrozenTextVectors.index_select(0, itemIndices)).MoveToOuterDisposeScope();
    }

    /// <summary>The encoder's mean-pooled vector of every title [items, hidden], in evaluation mode (no dropout)
    /// and without gradients.</summary>
    private Tensor EncodeAll(ItemInputs items)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var training = Encoder.training;
        Encoder.eval();
        try
        {
            var pooled = new List<Tensor>();
            for (long start = 0; start < items.Count; start += TitlesPerPass)
            {
                var count = Math.Min(TitlesPerPass, items.Count - start);
                pooled.Add(Encoder.EncodeMeanPooled(items.TitleIds.narrow(0, start, count),
                    items.TitleMask.narrow(0, start, count)));
            }

            return cat(pooled, 0).DetachFromDisposeScope();
        }
        finally
        {
            Encoder.train(training);
        }
    }
}
