namespace Recsys.Model;

/// <summary>Where a training run is, reported after each optimizer step: enough for a progress bar with the loss
/// and the time left.</summary>
/// <param name="Epoch">The epoch under way, from 1.</param>
/// <param name="Step">Steps done, over all epochs.</param>
/// <param name="Steps">Steps of the whole run.</param>
/// <param name="Loss">The mean training loss of the epoch's steps so far.</param>
public readonly record struct TrainingProgress(int Epoch, int Epochs, int Step, int Steps, double Loss);
