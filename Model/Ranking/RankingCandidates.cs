using Recsys.Model.Evaluation;

namespace Recsys.Model.Ranking;

/// <summary>The candidate items of one query and their feature vectors (<see cref="RankingFeatures"/>): what
/// a scorer ranks. Ids come with the features so that a neural ranking head can add customer and item
/// embeddings to them.</summary>
public sealed class RankingCandidates
{
    private RankingCandidates(RecommendationQuery query, string[] itemIds, CandidateSources[] sources, float[] features)
    {
        Query = query;
        ItemIds = itemIds;
        Sources = sources;
        Features = features;
    }

    public RecommendationQuery Query { get; }

    public string CustomerId => Query.CustomerId;

    public IReadOnlyList<string> ItemIds { get; }

    /// <summary>Aligned with <see cref="ItemIds"/>.</summary>
    public IReadOnlyList<CandidateSources> Sources { get; }

    /// <summary>Row-major: candidate c's features are [c · <see cref="RankingFeatures.Count"/>, (c + 1) ·
    /// <see cref="RankingFeatures.Count"/>).</summary>
    public float[] Features { get; }

    public int Count => ItemIds.Count;

    public static RankingCandidates Empty(RecommendationQuery query) => new(query, [], [], []);

    /// <summary>The candidates of <paramref name="query"/> in <paramref name="history"/>; none for a customer
    /// the history does not know.</summary>
    /// <exception cref="ArgumentException">The query's cutoff is not the history's, or its time is before it.
    /// </exception>
    /// <param name="keep">Item ids a request's filters let through; null: all.</param>
    /// <param name="retrieved">Item ids to add as <see cref="CandidateSources.Retrieval"/> candidates; ids the history
    /// does not know are skipped, as the features describe the history's items.</param>
    public static RankingCandidates Create(PurchaseHistory history, RecommendationQuery query, Func<string, bool>? keep = null,
        IReadOnlyList<string>? retrieved = null)
    {
        if (QuerySignals.Compute(history, query) is not { } signals)
        {
            return Empty(query);
        }

        using (signals)
        {
            var candidates = CandidateGenerator.Generate(signals,
                keep is null ? null : item => keep(history.Items.IdOf(item)),
                retrieved?.Select(id => history.Items.TryGetNumber(id, out var item) ? item : -1).Where(item => item >= 0).ToList());
            var features = new float[candidates.Count * RankingFeatures.Count];
            FeatureExtractor.Extract(signals, candidates, features);
            return new RankingCandidates(query,
                candidates.ConvertAll(candidate => history.Items.IdOf(candidate.Item)).ToArray(),
                candidates.ConvertAll(candidate => candidate.Sources).ToArray(),
                features);
        }
    }

    public ReadOnlySpan<float> FeaturesOf(int candidate) =>
        Features.AsSpan(candidate * RankingFeatures.Count, RankingFeatures.Count);

    public float Feature(int candidate, RankingFeature feature) => FeaturesOf(candidate)[(int)feature];
}
