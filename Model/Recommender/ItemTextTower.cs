using Recsys.Model.Tensors;
using static TorchSharp.torch;

namespace Recsys.Model.Recommender;

/// <summary>Turns item titles into vectors for the item tower. A module, so that its weights train and save with
/// the recommender's; the bag of word pieces here and a BERT encoder are interchangeable behind it.</summary>
public abstract class ItemTextTower(string name) : ExplicitModule(name)
{
    /// <summary>Size of the vectors <see cref="Encode"/> returns.</summary>
    public abstract long Dimension { get; }

    /// <summary>The text vectors [n, <see cref="Dimension"/>] of the items at the int64
    /// <paramref name="itemIndices"/> [n] of <paramref name="items"/>.</summary>
    public abstract Tensor Encode(ItemInputs items, Tensor itemIndices);
}
