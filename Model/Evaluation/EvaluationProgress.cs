namespace Recsys.Model.Evaluation;

/// <summary>Where an evaluation is: a stage ("split", "fit baselines", a method's name) and how far in it.</summary>
public readonly record struct EvaluationProgress(string Stage, int Completed, int Total);
