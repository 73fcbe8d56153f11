namespace Recsys.Model.Evaluation;

/// <summary>Wall time of one stage of an evaluation.</summary>
public sealed record StageTiming(string Stage, double Seconds);
