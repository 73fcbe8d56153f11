using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Grains.Users;

namespace Recsys.Grains.Ingestion;

/// <summary>Validates a batch as a whole, then hands each user's events to that user's grain, which
/// journals them before it answers. Stateless and local: a batch never leaves the silo that received it
/// except for the user grains it names. Reentrant because it keeps no state: a worker waiting for user
/// grains takes the next batch instead of idling (measured: 2 workers otherwise cap the batches in flight).</summary>
[GrainType("event-ingest")]
[StatelessWorker]
[Reentrant]
public sealed class EventIngestGrain(IOptions<UserGrainOptions> options, TimeProvider clock) : Grain, IEventIngestGrain
{
    private readonly UserGrainOptions _options = options.Value;

    public async Task<TrackResult> Track(IReadOnlyList<UserEvent> events)
    {
        var now = clock.GetUtcNow();
        ContractViolationException.ThrowIfAny(
            [.. events.SelectMany((e, i) => ContractValidator.Validate(e, now, _options.MaxClockSkew, $"events[{i}]"))]);
        var perUser = events
            .GroupBy(e => e.UserId, StringComparer.Ordinal)
            .Select(user => GrainFactory.GetGrain<IUserGrain>(user.Key).Track(user.ToArray()));
        var results = await Task.WhenAll(perUser);
        return results.Aggregate(TrackResult.Empty, (total, next) => total.Add(next));
    }
}
