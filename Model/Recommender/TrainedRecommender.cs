using Recsys.Grains.Interfaces;
using Recsys.Model.Data;
using Recsys.Model.Ranking;
using Recsys.Model.Text;
using Recsys.Model.Tensors;

namespace Recsys.Model.Recommender;

/// <summary>A trained <see cref="SequenceRecommender"/> with what it needs to read data as in training: its
/// config, feature pipeline and title tokenizer, on one device. Save it with <see cref="RecommenderCheckpoint"/>.
/// </summary>
public sealed class TrainedRecommender(SequenceRecommender network, RankingNetwork featureScorer,
    FeaturePipeline pipeline, BertTokenizer tokenizer, ComputeDevice device) : IDisposable
{
    public SequenceRecommender Network => network;

    /// <summary>The learned ranker's MLP over the same candidate features, ensembled with the ranking head.</summary>
    public RankingNetwork FeatureScorer => featureScorer;

    public RecommenderConfig Config => network.Config;

    public FeaturePipeline Pipeline => pipeline;

    public BertTokenizer Tokenizer => tokenizer;

    public ComputeDevice Device { get; } = device;

    /// <summary>TorchSharp's <see cref="Device"/>, where the network's tensors live.</summary>
    internal TorchSharp.torch.Device TorchDevice { get; } = device.ToTorch();

    /// <summary>Trainable numbers in the network and the feature scorer.</summary>
    public long ParameterCount =>
        network.parameters().Sum(parameter => parameter.numel()) + featureScorer.Parameters.Length;

    /// <summary>A ranker over the history before <paramref name="cutoff"/> of <paramref name="baskets"/>, for
    /// queries with that cutoff.</summary>
    /// <param name="baskets">Any baskets; only those before the cutoff are read.</param>
    /// <exception cref="ArgumentException">The cutoff is before <see cref="FeaturePipeline.TrainedBefore"/>: the
    /// model has learned from baskets the queries are meant to predict.</exception>
    public SequenceRecommendMethod Prepare(IEnumerable<Basket> baskets, DateTimeOffset cutoff,
        IReadOnlyDictionary<string, ItemInfo> catalog, string name = SequenceRecommendMethod.DefaultName)
    {
        if (cutoff < pipeline.TrainedBefore)
        {
            throw new ArgumentException(
                $"the model was trained on baskets up to {pipeline.TrainedBefore:u}, after the cutoff {cutoff:u}: "
                + "it would be tested on baskets it learned from; use a cutoff at or after its training cutoff",
                nameof(cutoff));
        }

        var history = baskets.Where(basket => basket.Time < cutoff).ToList();
        history.Sort(Basket.Chronological);
        var universe = ItemUniverse.Of(history, catalog);
        return new SequenceRecommendMethod(name, this,
            PurchaseHistory.Build(history, cutoff, pipeline.Candidates, Titles(catalog)), universe,
            PurchaseSequences.Of(history, universe));
    }

    /// <summary>Item id → title, as the candidate features read titles.</summary>
    public static IReadOnlyDictionary<string, string> Titles(IReadOnlyDictionary<string, ItemInfo> catalog) =>
        catalog.ToDictionary(pair => pair.Key, pair => pair.Value.Title, StringComparer.Ordinal);

    public void Dispose() => network.Dispose();
}
