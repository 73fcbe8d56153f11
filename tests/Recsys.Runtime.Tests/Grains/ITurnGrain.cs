namespace Recsys.Runtime.Tests;

/// <summary>Calls that record when they start and end, and can be held open on a gate.</summary>
public interface ITurnGrain : IGrainWithStringKey
{
    Task Work(int callNumber, int delayMilliseconds);

    /// <summary>Waits until <paramref name="count"/> calls are inside Hold, or forever.</summary>
    Task Hold(int count);

    [AlwaysInterleave]
    Task Release();

    Task<int> ActivationNumber();
}
