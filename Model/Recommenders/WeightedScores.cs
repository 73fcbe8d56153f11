namespace Recsys.Model.Recommenders;

/// <summary>Item scores of one recommender and their weight in a mix (see <see cref="RankedLists.Mix"/>).</summary>
public readonly record struct WeightedScores(IReadOnlyDictionary<string, double> Scores, double Weight);
