namespace Recsys.Model.Evaluation;

/// <summary>A method whose ranking is a function.</summary>
public sealed class DelegateMethod(string name, Func<RecommendationQuery, int, IReadOnlyList<string>> recommend)
    : IRecommendationMethod
{
    public string Name => name;

    public IReadOnlyList<string> Recommend(RecommendationQuery query, int count) => recommend(query, count);
}
