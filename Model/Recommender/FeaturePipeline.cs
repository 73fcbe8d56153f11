using System.Text.Json.Serialization;
using Recsys.Model.Ranking;

namespace Recsys.Model.Recommender;

/// <summary>What turns data into the network's inputs the way training did: embedding rows of items and
/// scenes, the candidate features' standardisation and the candidate settings. <c>feature_pipeline.json</c> of
/// a checkpoint; the title tokenizer is its <c>vocab.txt</c>.</summary>
/// <param name="TrainedBefore">The cutoff of the training data: every basket the model learned from is before
/// it, so evaluating it at an earlier cutoff would test it on baskets it saw.</param>
public sealed record FeaturePipeline(
    [property: JsonPropertyName("trained_before")] DateTimeOffset TrainedBefore,
    [property: JsonPropertyName("items")] ItemVocabulary Items,
    [property: JsonPropertyName("scenes")] SceneVocabulary Scenes,
    [property: JsonPropertyName("feature_names")] IReadOnlyList<string> FeatureNames,
    [property: JsonPropertyName("feature_standardisation")] FeatureStandardisation Standardisation,
    [property: JsonPropertyName("candidates")] RankingOptions Candidates);
