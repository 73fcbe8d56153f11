using TorchSharp.Modules;
using static TorchSharp.torch;

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
        : base(nameof(BagOfWordPiecesTower))
    {
        this.classifierId = classifierId;
        this.separatorId = separatorId;
        Dimension = dimension;
        Pieces = Register("piece_embeddings", nn.Embedding(vocabularySize, dimension, padding_idx: 0, device: device));
        Initialisation.Shrink(Pieces);
    }

    public override long Dimension { get; }

    public Embedding Pieces { get; }

    public override Tensor Encode(ItemInputs items, Tensor itemIndices)
    {
        using var scope = NewDisposeScope();
        var ids = items.TitleIds.index_select(0, itemIndices);
        var pieces = items.TitleMask.index_select(0, itemIndices).ne(0)
            .logical_and(ids.ne(classifierId))
            .logical_and(ids.ne(separatorId))
            .to(ScalarType.Float32)
            .unsqueeze(-1);
        var sum = (Pieces.forward(ids) * pieces).sum(1);
        return (sum / pieces.sum(1).clamp(min: 1)).MoveToOuterDisposeScope();
    }
}
