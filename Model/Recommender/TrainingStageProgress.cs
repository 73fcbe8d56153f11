namespace Recsys.Model.Recommender;

/// <summary>Where a training run is: a stage ("training cases", "epoch 2/4"), how far in it, and the mean
/// loss of the stage so far when it trains.</summary>
public readonly record struct TrainingStageProgress(string Stage, int Completed, int Total, double? Loss = null);
