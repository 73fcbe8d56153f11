using Recsys.Model.Evaluation;
using Recsys.Model.Ranking;
using Recsys.Model.Torch;

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
        model.Network.Eval();
        itemInputs = universe.ToInputs(model.Pipeline.Items, model.Tokenizer, model.Config.MaxTitleTokens,
            model.Device);
        using var noGrad = LibTorch.NoGrad();
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
    public float[] Logits(RankingCandidates candidates)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        // One standardisation serves both scorers: the feature scorer was fitted with the pipeline's.
        var standardisation = model.Pipeline.Standardisation;
        var inputs = standardisation.Inputs;
        var features = new float[candidates.Count * inputs];
        for (var c = 0; c < candidates.Count; c++)
        {
            standardisation.Apply(candidates.FeaturesOf(c), features.AsSpan(c * inputs, inputs));
        }

        var logits = HeadLogits(candidates, features);
        var weight = (float)model.Config.FeatureScorerWeight;
        var scorer = model.FeatureScorer;
        Span<float> hidden = stackalloc float[scorer.HiddenUnits];
        for (var c = 0; c < logits.Length; c++)
        {
            var isRepeat = candidates.FeaturesOf(c)[(int)RankingFeature.IsRepeat] > 0;
            logits[c] = (1 - weight) * logits[c] + weight * scorer.Forward(features.AsSpan(c * inputs, inputs), hidden,
                scorer.ItemBiasIndex(candidates.ItemIds[c], isRepeat));
        }

        return logits;
    }

    /// <summary>The ranking head's logit of each candidate, from its standardised features [candidates × inputs].
    /// </summary>
    private float[] HeadLogits(RankingCandidates candidates, float[] features)
    {
        using var noGrad = LibTorch.NoGrad();
        using var scope = LibTorch.NewDisposeScope();
        var device = model.Device;
        var items = new long[candidates.Count];
        for (var c = 0; c < candidates.Count; c++)
        {
            items[c] = universe.TryGetIndex(candidates.ItemIds[c], out var index) ? index : universe.PaddingIndex;
        }

        var users = model.Network.UserVectors(itemTable,
            sequences.ToInputs([candidates.Query], model.Pipeline.Scenes, model.Config.SequenceLength, device));
        var rows = new CandidateInputs(
            LibTorch.FromArray<float>(features, [candidates.Count, model.Pipeline.Standardisation.Inputs]).To(device),
            LibTorch.Zeros([candidates.Count], DType.Int64, device),
            LibTorch.FromArray<long>(items).To(device));
        return model.Network.RankingLogits(itemTable, users, rows).To(Device.Cpu).ToArray<float>();
    }

    /// <summary>The retrieval score (user · item + bias) of every item of the universe for the query, by
    /// universe index: the first stage of a two-tower recommender, over all items.</summary>
    public float[] RetrievalScores(RecommendationQuery query)
    {
        using var noGrad = LibTorch.NoGrad();
        using var scope = LibTorch.NewDisposeScope();
        var users = model.Network.UserVectors(itemTable,
            sequences.ToInputs([query], model.Pipeline.Scenes, model.Config.SequenceLength, model.Device));
        var all = LibTorch.Arange(0, universe.Count, device: model.Device);
        return model.Network.RetrievalLogits(itemTable, users, LibTorch.Zeros([universe.Count], DType.Int64, model.Device), all)
            .To(Device.Cpu).ToArray<float>();
    }

    public ItemUniverse Universe => universe;

    public void Dispose()
    {
        itemTable.Dispose();
        itemInputs.Dispose();
    }
}
