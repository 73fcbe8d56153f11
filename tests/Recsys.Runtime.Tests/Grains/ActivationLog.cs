using System.Collections.Concurrent;

namespace Recsys.Runtime.Tests;

/// <summary>What test grains report about their lifecycle, shared through dependency injection.</summary>
public sealed class ActivationLog
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _holding;
    private int _concurrent;
    private int _maxConcurrent;

    public ConcurrentQueue<string> Events { get; } = new();

    public ConcurrentDictionary<GrainId, int> Activations { get; } = new();

    public ConcurrentQueue<(GrainId Grain, DeactivationReason Reason)> Deactivations { get; } = new();

    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    public void Activated(GrainId grain) => Activations.AddOrUpdate(grain, 1, (_, n) => n + 1);

    public void Enter()
    {
        var now = Interlocked.Increment(ref _concurrent);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxConcurrent)) && Interlocked.CompareExchange(ref _maxConcurrent, now, seen) != seen)
        {
        }
    }

    public void Leave() => Interlocked.Decrement(ref _concurrent);

    /// <summary>Completes once <paramref name="count"/> callers are waiting here, or on <see cref="Release"/>.</summary>
    public Task Hold(int count)
    {
        if (Interlocked.Increment(ref _holding) >= count)
        {
            Release();
        }
        return _released.Task;
    }

    public void Release() => _released.TrySetResult();
}
