using Recsys.Model.Data;

namespace Recsys.Model.Evaluation;

/// <summary>A returning customer's first basket after the cutoff, and what a method should find.</summary>
/// <param name="Truth">The basket's distinct items.</param>
/// <param name="NewTruth">Those the customer never bought before the cutoff.</param>
public sealed record TestCase(
    Basket Basket, RecommendationQuery Query, IReadOnlySet<string> Truth, IReadOnlySet<string> NewTruth);
