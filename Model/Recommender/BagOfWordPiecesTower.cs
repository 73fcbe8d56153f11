using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;

namespace Recsys.Model.Recommender;

/// <summary>A title's vector as the mean of learned embeddings of its word pieces ([CLS], [SEP] and padding
/// left out): cheap enough to run over the whole catalog at every training step, and it lets a new "LUNCH BAG"
/// design start near the lunch bags customers already buy.</summary>
public sealed class BagOfWordPiecesTower : ItemTextTower
{
    private readonly long classifierId;
    private readonly long separatorId;

    /// <param name="vocabularySize">Token ids are below it; id 0 is padding.</param>
    public BagOfWordPiecesTower(long vocabularySize, long dimension, long classifierId, long separatorId,
        Device? device = null)
    {
        this.classifierId = classifierId;
        this.separatorId = separatorId;
        Dimension = dimension;
        Pieces = RegisterModule("piece_embeddings", new Embedding(vocabularySize, dimension, paddingIndex: 0, device));
        Initialisation.Shrink(Pieces.Weight);
    }

    public override long Dimension { get; }

    public Embedding Pieces { get; }

    public override Tensor Encode(ItemInputs items, Tensor itemIndices)
    {
        using var scope = LibTorch.NewDisposeScope();
        var ids = items.TitleIds.IndexSelect(0, itemIndices);
        var pieces = items.TitleMask.IndexSelect(0, itemIndices).Ne(0)
            .LogicalAnd(ids.Ne(classifierId))
            .LogicalAnd(ids.Ne(separatorId))
            .To(DType.Float32)
            .Unsqueeze(-1);
        var sum = (Pieces.Forward(ids) * pieces).Sum(1);
        return (sum / pieces.Sum(1).Clamp(min: 1)).MoveToOuterScope();
    }
}
