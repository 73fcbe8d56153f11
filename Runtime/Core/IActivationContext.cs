namespace Recsys.Runtime.Core;

/// <summary>What a grain instance may ask of the activation that hosts it.</summary>
internal interface IActivationContext
{
    GrainId GrainId { get; }

    IGrainFactory GrainFactory { get; }

    IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);

    void DeactivateOnIdle();
}
