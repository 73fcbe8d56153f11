using Recsys.Model.Recommenders;

namespace Recsys.Model.Evaluation;

/// <summary>Fits the <see cref="BaselineModel"/> once and offers its five methods.</summary>
public sealed class BaselineTrainer(BaselineOptions? options = null) : IMethodTrainer
{
    public static IReadOnlyList<string> MethodNames { get; } =
        ["POP", "POP-COUNTRY", "REPEAT", "ITEMKNN", "REPEAT+KNN"];

    public string Name => "baselines";

    public IReadOnlyList<IRecommendationMethod> Fit(EvaluationSplit split, CancellationToken cancellationToken)
    {
        var model = BaselineModel.Fit(split.History, options, cancellationToken);
        return
        [
            new DelegateMethod(MethodNames[0], model.Popular),
            new DelegateMethod(MethodNames[1], model.PopularInCountry),
            new DelegateMethod(MethodNames[2], model.Repeat),
            new DelegateMethod(MethodNames[3], model.ItemKnn),
            new DelegateMethod(MethodNames[4], model.RepeatPlusKnn),
        ];
    }
}
