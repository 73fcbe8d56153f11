namespace Recsys.Grains.Interfaces;

/// <summary>Where events enter the service (key: 0), whichever gateway they come through: the HTTP API
/// and the Orleans client both send batches here. A stateless worker, so every silo runs its own pool
/// and a batch is handled by the silo that received it: it is validated as a whole, split by user and
/// sent to each <see cref="IUserGrain.Track"/>.</summary>
[Alias("recsys.IEventIngestGrain")]
public interface IEventIngestGrain : IGrainWithIntegerKey
{
    /// <summary>All or nothing for validation: one invalid event refuses the batch before anything is
    /// stored. Once valid, each user's events are journaled before this call returns.</summary>
    /// <exception cref="Validation.ContractViolationException">Lists every invalid field as <c>events[i].field</c>.</exception>
    [Alias("Track")]
    Task<TrackResult> Track([Immutable] IReadOnlyList<UserEvent> events);
}
