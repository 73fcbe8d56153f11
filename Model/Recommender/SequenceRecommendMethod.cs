using Recsys.Grains.Interfaces;
using Recsys.Model.Evaluation;
using Recsys.Model.Ranking;
using Recsys.Model.Tensors;
using static TorchSharp.torch;

namespace Recsys.Model.Recommender;

/// <summary>Ranks a query's candidates (<see cref="RankingCandidates"/>) by a trained
/// <see cref="SequenceRecommender"/>'s calibrated logits, sharing the slots between own and new items with the
/// config's explore weight (<see cref="ExploreMix"/>); a customer the history does not know gets the popular
/// items. Item vectors are computed once, when the method is made.</summary>
public sealed class SequenceRecommendMethod : IRecommendationMethod, IDisposable
{
    public const string DefaultName = "SEQ-REC";

    private readonly TrainedRecommender model;
    private readonly ItemUniverse universe;
    private readonly PurchaseSequences sequences;
    private readonly ItemInputs itemInputs;
    private readonly Tensor itemTable;

    internal SequenceRecommendMethod(string name, TrainedRecommender model, PurchaseHistory history,
        ItemUniverse universe, PurchaseSequences sequences)
    {
        Name = name;
        History = history;
        this.model = model;
        this.universe = universe;
        this.sequences = sequences;
        model.Network.eval();
        itemInputs = universe.ToInputs(model.Pipeline.Items, model.Tokenizer, model.Config.MaxTitleTokens,
            model.TorchDevice);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        itemTable = model.Network.ItemTable(itemInputs).DetachFromDisposeScope();
    }

    public string Name { get; }

    public PurchaseHistory History { get; }

    /// <summary>Ranks with the model's explore weight.</summary>
    public IReadOnlyList<string> Recommend(RecommendationQuery query, int count) =>
        Recommend(query, count, model.Config.ExploreWeight);

    /// <summary>Ranks with another explore weight: 0 orders the candidates by probability alone.</summary>
    public IReadOnlyList<string> Recommend(RecommendationQuery query, int count, double exploreWeight)
    {
        var candidates = RankingCandidates.Create(History, query);
        return LearnedRankMethod.Rank(History, candidates, Logits(candidates), count, exploreWeight);
    }

    /// <summary>The calibrated logit of each candidate, the weighted mean of the ranking head's and the feature
    /// scorer's: its sigmoid is the probability that the customer buys it in the basket of the query.</summary>
    public float[] Logits(RankingCandidates candidates) => Logits([candidates])[0];

    /// <summary>The calibrated logits of the candidates of several queries, with one pass of the network for all:
    /// what a served model's batch runs.</summary>
    /// <param name="live">Per query, the customer's baskets since the history's cutoff (see
    /// <see cref="PurchaseSequences.ToInputs"/>); null when there are none.</param>
    public float[][] Logits(IReadOnlyList<RankingCandidates> batch, IReadOnlyList<IReadOnlyList<PurchasedBasket>>? live = null)
    {
        var scored = Enumerable.Range(0, batch.Count).Where(q => batch[q].Count > 0).ToList();
        var logits = batch.Select(candidates => new float[candidates.Count]).ToArray();
        if (scored.Count == 0)
        {
            return logits;
        }

        // One standardisation serves both scorers: the feature scorer was fitted with the pipeline's.
        var standardisation = model.Pipeline.Standardisation;
        var inputs = standardisation.Inputs;
        var rows = scored.Sum(q => batch[q].Count);
        var features = new float[rows * inputs];
        var queryOfRow = new long[rows];
        var items = new long[rows];
        var row = 0;
        for (var s = 0; s < scored.Count; s++)
        {
            var candidates = batch[scored[s]];
            for (var c = 0; c < candidates.Count; c++, row++)
            {
                standardisation.Apply(candidates.FeaturesOf(c), features.AsSpan(row * inputs, inputs));
                queryOfRow[row] = s;
                items[row] = universe.TryGetIndex(candidates.ItemIds[c], out var index) ? index : universe.PaddingIndex;
            }
        }

        var head = HeadLogits(scored.ConvertAll(q => batch[q].Query), live is null ? null : scored.ConvertAll(q => live[q]),
            features, queryOfRow, items);
        var weight = (float)model.Config.FeatureScorerWeight;
        var scorer = model.FeatureScorer;
        Span<float> hidden = stackalloc float[scorer.HiddenUnits];
        row = 0;
        foreach (var q in scored)
        {
            var candidates = batch[q];
            for (var c = 0; c < candidates.Count; c++, row++)
            {
                var isRepeat = candidates.FeaturesOf(c)[(int)RankingFeature.IsRepeat] > 0;
                logits[q][c] = (1 - weight) * head[row] + weight * scorer.Forward(features.AsSpan(row * inputs, inputs),
                    hidden, scorer.ItemBiasIndex(candidates.ItemIds[c], isRepeat));
            }
        }

        return logits;
    }

    /// <summary>The ranking head's logit of each candidate row, from its standardised features [rows × inputs],
    /// its query's position in <paramref name="queries"/> and its item's universe index.</summary>
    private float[] HeadLogits(IReadOnlyList<RecommendationQuery> queries, IReadOnlyList<IReadOnlyList<PurchasedBasket>>? live,
        float[] features, long[] queryOfRow, long[] items)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var device = model.TorchDevice;
        var users = model.Network.UserVectors(itemTable,
            sequences.ToInputs(queries, model.Pipeline.Scenes, model.Config.SequenceLength, device, live));
        var rows = new CandidateInputs(
            tensor(features, [items.Length, model.Pipeline.Standardisation.Inputs], device: device),
            tensor(queryOfRow, device: device),
            tensor(items, device: device));
        return TensorValues.ToFloats(model.Network.RankingLogits(itemTable, users, rows));
    }

    /// <summary>The user tower's vectors [queries × dimension], row-major: with <see cref="ItemVectors"/>, the first
    /// stage of a two-tower recommender (retrieval by dot product, over all items).</summary>
    /// <param name="live">As <see cref="Logits(IReadOnlyList{RankingCandidates}, IReadOnlyList{IReadOnlyList{PurchasedBasket}})"/>'s.</param>
    public float[] UserVectors(IReadOnlyList<RecommendationQuery> queries, IReadOnlyList<IReadOnlyList<PurchasedBasket>>? live = null)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return TensorValues.ToFloats(model.Network.UserVectors(itemTable,
            sequences.ToInputs(queries, model.Pipeline.Scenes, model.Config.SequenceLength, model.TorchDevice, live)));
    }

    /// <summary>The item tower's vectors [universe items × dimension], row-major, by universe index: those the
    /// ranking head reads.</summary>
    public float[] ItemVectors()
    {
        using var scope = NewDisposeScope();
        return TensorValues.ToFloats(itemTable.narrow(0, 0, universe.Count));
    }

    public ItemUniverse Universe => universe;

    public void Dispose()
    {
        itemTable.Dispose();
        itemInputs.Dispose();
    }
}
