using Recsys.Grains.Interfaces;

namespace Recsys.Grains.Journal;

/// <summary>An event with the journal position it was stored at.</summary>
public sealed record JournaledEvent(long Sequence, UserEvent Event);

/// <summary>A durable, append-only log of accepted events. Events are appended before they are
/// acknowledged; a user grain replays the ones after its last flushed position when it activates,
/// and trims what its flushed state already holds.</summary>
public interface IEventJournal
{
    /// <summary>Appends durably and returns the events with their (increasing) positions.</summary>
    Task<IReadOnlyList<JournaledEvent>> Append(IReadOnlyList<UserEvent> events, CancellationToken cancellationToken);

    /// <summary>The user's events after position <paramref name="afterSequence"/>, in order.</summary>
    Task<IReadOnlyList<JournaledEvent>> Read(string userId, long afterSequence, CancellationToken cancellationToken);

    /// <summary>Drops the user's events up to and including <paramref name="throughSequence"/>.</summary>
    Task Trim(string userId, long throughSequence, CancellationToken cancellationToken);

    /// <summary>Events journaled and not yet trimmed, over all users.</summary>
    Task<long> Count(CancellationToken cancellationToken);
}
