using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;

namespace Recsys.Model.Recommender;

/// <summary>The user vector: causal self-attention (SASRec) over the vectors of the customer's latest L
/// purchased items, each with the embedding of how long before the query it was bought and of its position,
/// followed by one query position that carries the scene. The query position sees every purchase; a purchase
/// sees only itself and those before it, so the model learns from sequences without looking ahead. The user
/// vector is the query position's final state.</summary>
public sealed class UserSequenceEncoder : Module
{
    private readonly int sequenceLength;

    public UserSequenceEncoder(RecommenderConfig config, SceneVocabulary scenes, Device? device = null)
    {
        sequenceLength = config.SequenceLength;
        Gaps = RegisterModule("gap_embeddings",
            new Embedding(TimeGapBuckets.Count, config.Dimension, TimeGapBuckets.Padding, device));
        Positions = RegisterModule("position_embeddings", new Embedding(config.SequenceLength + 1, config.Dimension,
            device: device));
        Scenes = RegisterModule("scene", new SceneEmbedding(scenes, config.Dimension, device));
        Blocks = RegisterModule("layers", new ModuleList<CausalSelfAttentionBlock>(
            Enumerable.Range(0, config.Layers).Select(_ =>
                new CausalSelfAttentionBlock(config.Dimension, config.AttentionHeads, config.Dropout, device))));
        FinalNorm = RegisterModule("final_norm", new LayerNorm(config.Dimension, device: device));
        Initialisation.Shrink(Gaps.Weight);
        Initialisation.Shrink(Positions.Weight);
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
        using var scope = LibTorch.NewDisposeScope();
        var device = purchases.Device;
        var batch = purchases.Size(0);
        var positions = sequenceLength + 1;
        var tokens = LibTorch.Cat([purchases + Gaps.Forward(gapBuckets), Scenes.Forward(scenes, seasons).Unsqueeze(1)], 1);
        var hidden = tokens + Positions.Forward(LibTorch.Arange(0, positions, device: device));
        // Position i attends to position j when j ≤ i and j holds a purchase or the query.
        var keepKeys = LibTorch.Cat([keep, LibTorch.Ones([batch, 1], DType.Bool, device)], 1);
        var mask = Functional.AdditiveMask(Functional.CausalKeepMask(positions, device).Unsqueeze(0)
            .LogicalAnd(keepKeys.Unsqueeze(1))).Unsqueeze(1);
        foreach (var block in Blocks)
        {
            hidden = block.Forward(hidden, mask);
        }

        return FinalNorm.Forward(hidden).MoveToOuterScope();
    }

    /// <summary>The user vectors [batch, dimension]: the query position of <see cref="Encode"/>.</summary>
    public Tensor Forward(Tensor purchases, Tensor gapBuckets, Tensor keep, Tensor scenes, Tensor seasons)
    {
        using var scope = LibTorch.NewDisposeScope();
        return Encode(purchases, gapBuckets, keep, scenes, seasons).Select(1, sequenceLength).MoveToOuterScope();
    }
}
