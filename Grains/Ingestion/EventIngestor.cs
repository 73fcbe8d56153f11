using Recsys.Grains.Interfaces;
using Recsys.Grains.Journal;
using Recsys.Grains.Users;
using Recsys.Runtime;

namespace Recsys.Grains.Ingestion;

internal sealed class EventIngestor(IEventJournal journal, IGrainFactory grains) : IEventIngestor
{
    public async Task<TrackResult> Ingest(IReadOnlyList<UserEvent> events, CancellationToken cancellationToken)
    {
        var journaled = await journal.Append(events, cancellationToken);
        var perUser = journaled
            .GroupBy(e => e.Event.UserId, StringComparer.Ordinal)
            .Select(user => grains.GetGrain<IUserEventSink>(user.Key).Apply([.. user]));
        var results = await Task.WhenAll(perUser);
        return results.Aggregate(TrackResult.Empty, (total, next) => total.Add(next));
    }
}
