namespace Recsys.Grains.Interfaces;

/// <summary>The entry point of recommendations (key 0; a stateless worker on every silo): the served model
/// ranks when one is loaded and answers in time, the user's own non-learned mix otherwise, and the list says
/// which (<see cref="RecommendationList.ModelVersion"/>, <see cref="RecommendationList.Fallback"/>).</summary>
[Alias("recsys.IRecommendationGrain")]
public interface IRecommendationGrain : IGrainWithIntegerKey
{
    /// <exception cref="Validation.ContractViolationException">The request breaks the contract.</exception>
    /// <exception cref="ServiceOverloadedException">The model's queue is full: try again shortly.</exception>
    [Alias("Recommend")]
    Task<RecommendationList> Recommend(string userId, [Immutable] RecommendationRequest request);
}
