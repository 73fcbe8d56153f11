using Recsys.Grains.Interfaces;
using Recsys.Grains.Journal;
using Recsys.Runtime;

namespace Recsys.Grains.Users;

/// <summary>The ingestion side of <see cref="UserGrain"/>: events already in the journal, with their
/// positions, so the grain knows what its flushed state covers.</summary>
public interface IUserEventSink : IGrainWithStringKey
{
    Task<TrackResult> Apply(IReadOnlyList<JournaledEvent> events);
}
