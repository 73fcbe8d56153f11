using Recsys.Model.Tensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Recommender;

/// <summary>The user vector: causal self-attention (SASRec) over the vectors of the customer's latest L
/// purchased items, each with the embedding of how long before the query it was bought and of its position,
/// followed by one query position that carries the scene. The query position sees every purchase; a purchase
/// sees only itself and those before it, so the model learns from sequences without looking ahead. The user
/// vector is the query position's final state.</summary>
public sealed class UserSequenceEncoder : ExplicitModule
{
    private readonly int sequenceLength;

    public UserSequenceEncoder(RecommenderConfig config, SceneVocabulary scenes, Device? device = null)
        : base(nameof(UserSequenceEncoder))
    {
        sequenceLength = config.SequenceLength;
        Gaps = Register("gap_embeddings",
            nn.Embedding(TimeGapBuckets.Count, config.Dimension, padding_idx: TimeGapBuckets.Padding, device: device));
        Positions = Register("position_embeddings", nn.Embedding(config.SequenceLength + 1, config.Dimension,
            device: device));
        Scenes = Register("scene", new SceneEmbedding(scenes, config.Dimension, device));
        Blocks = Register("layers", new ModuleList<CausalSelfAttentionBlock>(
            Enumerable.Range(0, config.Layers).Select(_ =>
                new CausalSelfAttentionBlock(config.Dimension, config.AttentionHeads, config.Dropout, device)).ToArray()));
        FinalNorm = Register("final_norm", nn.LayerNorm([config.Dimension], device: device));
        Initialisation.Shrink(Gaps);
        Initialisation.Shrink(Positions);
    }

    public Embedding Gaps { get; }

    public Embedding Positions { get; }

    public SceneEmbedding Scenes { get; }

    public ModuleList<CausalSelfAttentionBlock> Blocks { get; }

    public LayerNorm FinalNorm { get; }

    /// <summary>The final state of every position [batch, L + 1, dimension]: the L purchases, then the query.
    /// </summary>
    /// <param name="purchases">Item vectors [batch, L, dimension], oldest first, padding first.</param>
    /// <param name="gapBuckets">int64 [batch, L], <see cref="TimeGapBuckets"/> of each purchase; padding 0.</param>
    /// <param name="keep">bool [batch, L]: true at purchases, false at padding.</param>
    /// <param name="scenes">int64 [batch, <see cref="SceneEmbedding.Columns"/>].</param>
    /// <param name="seasons">float32 [batch, <see cref="SceneEmbedding.SeasonColumns"/>].</param>
    public Tensor Encode(Tensor purchases, Tensor gapBuckets, Tensor keep, Tensor scenes, Tensor seasons)
    {
        using var scope = NewDisposeScope();
        var device = purchases.device;
        var batch = purchases.size(0);
        var positions = sequenceLength + 1;
        var tokens = cat([purchases + Gaps.forward(gapBuckets), Scenes.Forward(scenes, seasons).unsqueeze(1)], 1);
        var hidden = tokens + Positions.forward(arange(0L, positions, device: device));
        // Position i attends to position j when j ≤ i and j holds a purchase or the query.
        var keepKeys = cat([keep, ones([batch, 1], ScalarType.Bool, device)], 1);
        var mask = AttentionMasks.Additive(AttentionMasks.CausalKeep(positions, device).unsqueeze(0)
            .logical_and(keepKeys.unsqueeze(1)), hidden.dtype).unsqueeze(1);
        foreach (var block in Blocks)
        {
            hidden = block.Forward(hidden, mask);
        }

        return FinalNorm.forward(hidden).MoveToOuterDisposeScope();
    }

    /// <summary>The user vectors [batch, dimension]: the query position of <see cref="Encode"/>.</summary>
    public Tensor Forward(Tensor purchases, Tensor gapBuckets, Tensor keep, Tensor scenes, Tensor seasons)
    {
        using var scope = NewDisposeScope();
        return Encode(purchases, gapBuckets, keep, scenes, seasons).select(1, sequenceLength).MoveToOuterDisposeScope();
    }
}
