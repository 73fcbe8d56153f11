using Recsys.Model.Tensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Recommender;

/// <summary>The recommender network: an item tower, a user encoder over purchase sequences and scenes, a
/// retrieval score (user · item, over all items) and a ranking head over the candidates of
/// <see cref="Ranking.CandidateGenerator"/>. Parameter names follow the modules: "item_tower.id_embeddings.weight",
/// "user_encoder.layers.0.query.weight", "ranking_head.hidden.weight", ...</summary>
public sealed class SequenceRecommender : ExplicitModule
{
    public SequenceRecommender(RecommenderConfig config, ItemVocabulary items, SceneVocabulary scenes,
        ItemTextTower text, int featureCount, Device? device = null)
        : base(nameof(SequenceRecommender))
    {
        Config = config;
        Items = Register("item_tower", new ItemTower(items, text, config.Dimension, device));
        Users = Register("user_encoder", new UserSequenceEncoder(config, scenes, device));
        Head = Register(HeadName,
            new RankingHead(featureCount, config.Dimension, config.HeadHiddenUnits, config.Dropout, device));
        Register(RetrievalBiasName, new Parameter(zeros(1, device: device)));
    }

    public const string HeadName = "ranking_head";

    public RecommenderConfig Config { get; }

    public ItemTower Items { get; }

    public UserSequenceEncoder Users { get; }

    public RankingHead Head { get; }

    /// <summary>Shifts every retrieval logit: most items are not in the next basket.</summary>
    private const string RetrievalBiasName = "retrieval_bias";

    /// <summary>Looked up on each read: TorchSharp's <c>to()</c> replaces a module's parameter objects.</summary>
    public Parameter RetrievalBias => get_parameter(RetrievalBiasName)!;

    /// <summary>The vectors [items + 1, dimension] of every item of the universe, then a zero row at
    /// <see cref="ItemUniverse.PaddingIndex"/> for padding.</summary>
    public Tensor ItemTable(ItemInputs items)
    {
        using var scope = NewDisposeScope();
        var vectors = Items.Forward(items, Config.ItemIdDropout);
        return cat([vectors, zeros(1, Config.Dimension, device: vectors.device)], 0)
            .MoveToOuterDisposeScope();
    }

    /// <summary>The user vectors [batch, dimension] of a batch of queries.</summary>
    public Tensor UserVectors(Tensor itemTable, SequenceInputs sequences)
    {
        using var scope = NewDisposeScope();
        var (batch, length) = (sequences.Items.size(0), sequences.Items.size(1));
        var purchases = itemTable.index_select(0, sequences.Items.reshape(-1)).view(batch, length, Config.Dimension);
        return Users.Forward(purchases, sequences.Gaps, sequences.Keep, sequences.Scenes, sequences.Seasons)
            .MoveToOuterDisposeScope();
    }

    /// <summary>The ranking head's logits [rows] of candidate rows.</summary>
    public Tensor RankingLogits(Tensor itemTable, Tensor users, CandidateInputs candidates)
    {
        using var scope = NewDisposeScope();
        return Head.Forward(candidates.Features, users.index_select(0, candidates.Queries),
            itemTable.index_select(0, candidates.Items)).MoveToOuterDisposeScope();
    }

    /// <summary>Retrieval logits [pairs]: user · item + bias, for the int64 query indices and item indices of
    /// each pair.</summary>
    public Tensor RetrievalLogits(Tensor itemTable, Tensor users, Tensor queries, Tensor items)
    {
        using var scope = NewDisposeScope();
        return ((users.index_select(0, queries) * itemTable.index_select(0, items)).sum(-1) + RetrievalBias)
            .MoveToOuterDisposeScope();
    }
}
