using Recsys.Grains.Interfaces;
using Recsys.Model.Evaluation;
using Recsys.Model.Tensors;

namespace Recsys.Model.Recommender;

/// <summary>The sequence recommender as methods of the offline evaluation: trains on the split's history, or
/// uses a trained model (a loaded checkpoint), and ranks the test queries against the split's history, with its
/// explore weight (<see cref="SequenceRecommendMethod.DefaultName"/>) and by probability alone
/// (<see cref="ProbabilityMethodName"/>): the two ends of its NDCG / NewRecall trade-off.</summary>
public sealed class SequenceRecommenderTrainer : IMethodTrainer, IDisposable
{
    public const string ProbabilityMethodName = SequenceRecommendMethod.DefaultName + "-PROB";

    private readonly IReadOnlyDictionary<string, ItemInfo> catalog;
    private readonly RecommenderConfig config;
    private readonly ComputeDevice device;
    private readonly IProgress<TrainingStageProgress>? progress;
    private readonly string? textEncoder;
    private readonly bool ownsModel;
    private SequenceRecommendMethod? method;

    /// <summary>Trains a model with <paramref name="config"/> on the split's history when fitted.</summary>
    /// <param name="textEncoder">As in <see cref="RecommenderTraining.Train"/>.</param>
    public SequenceRecommenderTrainer(IReadOnlyDictionary<string, ItemInfo> catalog, RecommenderConfig config,
        ComputeDevice device, IProgress<TrainingStageProgress>? progress = null, string? textEncoder = null)
    {
        this.textEncoder = textEncoder;
        this.catalog = catalog;
        this.config = config;
        this.device = device;
        this.progress = progress;
        ownsModel = true;
    }

    /// <summary>Uses <paramref name="model"/>, which stays the caller's.</summary>
    public SequenceRecommenderTrainer(IReadOnlyDictionary<string, ItemInfo> catalog, TrainedRecommender model)
    {
        this.catalog = catalog;
        Model = model;
        config = model.Config;
        device = model.Device;
    }

    public string Name => "sequence recommender";

    /// <summary>The method of the last <see cref="Fit"/>, with the model's explore weight.</summary>
    public SequenceRecommendMethod? LastMethod => method;

    /// <summary>The model trained or given; null before a fit that trains.</summary>
    public TrainedRecommender? Model { get; private set; }

    public IReadOnlyList<IRecommendationMethod> Fit(EvaluationSplit split, CancellationToken cancellationToken)
    {
        if (Model is null)
        {
            Model = RecommenderTraining.Train(split.History, split.Cutoff, catalog, config, device,
                progress: progress, textEncoder: textEncoder, cancellationToken: cancellationToken);
        }

        method?.Dispose();
        var prepared = method = Model.Prepare(split.History, split.Cutoff, catalog);
        return [prepared, new DelegateMethod(ProbabilityMethodName, (query, count) => prepared.Recommend(query, count, 0))];
    }

    public void Dispose()
    {
        method?.Dispose();
        if (ownsModel)
        {
            Model?.Dispose();
        }
    }
}
