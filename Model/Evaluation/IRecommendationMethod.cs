namespace Recsys.Model.Evaluation;

/// <summary>A fitted method the offline evaluation asks for ranked lists.</summary>
public interface IRecommendationMethod
{
    /// <summary>Its row in the results, e.g. "POP".</summary>
    string Name { get; }

    /// <summary>At most <paramref name="count"/> distinct items, best first.</summary>
    IReadOnlyList<string> Recommend(RecommendationQuery query, int count);
}
