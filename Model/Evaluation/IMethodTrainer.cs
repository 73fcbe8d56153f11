namespace Recsys.Model.Evaluation;

/// <summary>Fits one or more methods on a split's history (the baselines share one fit; a learned
/// model plugs in here).</summary>
public interface IMethodTrainer
{
    string Name { get; }

    /// <summary>Fits on <see cref="EvaluationSplit.History"/> only; the test baskets are off limits.</summary>
    IReadOnlyList<IRecommendationMethod> Fit(EvaluationSplit split, CancellationToken cancellationToken);
}
