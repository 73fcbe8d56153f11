namespace Recsys.Model.Tensors;

/// <summary>BERT's learning-rate schedule (Hugging Face's <c>get_linear_schedule_with_warmup</c>): a linear rise to
/// the peak over the warm-up steps, then a linear fall to zero at the last step. The warm-up keeps Adam's first
/// updates, made from poor estimates of the gradients' variance, from knocking a transformer off course.</summary>
public sealed record LinearWarmupSchedule
{
    public LinearWarmupSchedule(double peakLearningRate, int warmupSteps, int totalSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(peakLearningRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(warmupSteps, totalSteps);
        PeakLearningRate = peakLearningRate;
        WarmupSteps = warmupSteps;
        TotalSteps = totalSteps;
    }

    public double PeakLearningRate { get; }

    public int WarmupSteps { get; }

    public int TotalSteps { get; }

    /// <summary>The rate for update <paramref name="step"/> (from 0). Unlike Hugging Face's, whose first update has
    /// rate 0, the first update here already moves: the rise reaches the peak at update <see cref="WarmupSteps"/> − 1.</summary>
    public double LearningRate(int step)
    {
        var rising = (step + 1.0) / Math.Max(1, WarmupSteps);
        var falling = (double)(TotalSteps - step) / Math.Max(1, TotalSteps - WarmupSteps);
        return PeakLearningRate * Math.Clamp(Math.Min(rising, falling), 0, 1);
    }
}
