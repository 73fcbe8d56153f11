using Recsys.Model.Torch;

namespace Recsys.Model.Recommender;

/// <summary>The recommender network: an item tower, a user encoder over purchase sequences and scenes, a
/// retrieval score (user · item, over all items) and a ranking head over the candidates of
/// <see cref="Ranking.CandidateGenerator"/>. Parameter names follow the modules: "item_tower.id_embeddings.weight",
/// "user_encoder.layers.0.query.weight", "ranking_head.hidden.weight", ...</summary>
public sealed class SequenceRecommender : Module
{
    public SequenceRecommender(RecommenderConfig config, ItemVocabulary items, SceneVocabulary scenes,
        ItemTextTower text, int featureCount, Device? device = null)
    {
        Config = config;
        Items = RegisterModule("item_tower", new ItemTower(items, text, config.Dimension, device));
        Users = RegisterModule("user_encoder", new UserSequenceEncoder(config, scenes, device));
        Head = RegisterModule(HeadName,
            new RankingHead(featureCount, config.Dimension, config.HeadHiddenUnits, config.Dropout, device));
        RetrievalBias = RegisterParameter("retrieval_bias", Parameter.Constant([1], 0, device: device));
    }

    public const string HeadName = "ranking_head";

    public RecommenderConfig Config { get; }

    public ItemTower Items { get; }

    public UserSequenceEncoder Users { get; }

    public RankingHead Head { get; }

    /// <summary>Shifts every retrieval logit: most items are not in the next basket.</summary>
    public Parameter RetrievalBias { get; }

    /// <summary>The vectors [items + 1, dimension] of every item of the universe, then a zero row at
    /// <see cref="ItemUniverse.PaddingIndex"/> for padding.</summary>
    public Tensor ItemTable(ItemInputs items)
    {
        using var scope = LibTorch.NewDisposeScope();
        var vectors = Items.Forward(items, Config.ItemIdDropout);
        return LibTorch.Cat([vectors, LibTorch.Zeros([1, Config.Dimension], device: vectors.Device)], 0)
            .MoveToOuterScope();
    }

    /// <summary>The user vectors [batch, dimension] of a batch of queries.</summary>
    public Tensor UserVectors(Tensor itemTable, SequenceInputs sequences)
    {
        using var scope = LibTorch.NewDisposeScope();
        var (batch, length) = (sequences.Items.Size(0), sequences.Items.Size(1));
        var purchases = itemTable.IndexSelect(0, sequences.Items.Reshape(-1)).View(batch, length, Config.Dimension);
        return Users.Forward(purchases, sequences.Gaps, sequences.Keep, sequences.Scenes, sequences.Seasons)
            .MoveToOuterScope();
    }

    /// <summary>The ranking head's logits [rows] of candidate rows.</summary>
    public Tensor RankingLogits(Tensor itemTable, Tensor users, CandidateInputs candidates)
    {
        using var scope = LibTorch.NewDisposeScope();
        return Head.Forward(candidates.Features, users.IndexSelect(0, candidates.Queries),
            itemTable.IndexSelect(0, candidates.Items)).MoveToOuterScope();
    }

    /// <summary>Retrieval logits [pairs]: user · item + bias, for the int64 query indices and item indices of
    /// each pair.</summary>
    public Tensor RetrievalLogits(Tensor itemTable, Tensor users, Tensor queries, Tensor items)
    {
        using var scope = LibTorch.NewDisposeScope();
        return ((users.IndexSelect(0, queries) * itemTable.IndexSelect(0, items)).Sum(-1) + RetrievalBias)
            .MoveToOuterScope();
    }
}
