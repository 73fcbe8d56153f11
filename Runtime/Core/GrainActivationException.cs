namespace Recsys.Runtime;

/// <summary>A grain could not be activated: its constructor, state load or OnActivateAsync threw.
/// The next call tries a fresh activation.</summary>
public sealed class GrainActivationException(GrainId grain, Exception inner)
    : Exception($"Activation of grain {grain} failed: {inner.GetType().Name}: {inner.Message}", inner)
{
    public GrainId Grain { get; } = grain;
}
