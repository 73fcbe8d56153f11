using Recsys.Grains.Interfaces;

namespace Recsys.Grains.Journal;

/// <summary>An event with the journal position it was stored at.</summary>
public sealed record JournaledEvent(long Sequence, UserEvent Event);

/// <summary>A durable, append-only log of accepted events, local to the silo's storage. A user grain
/// appends its events before it acknowledges them, replays the ones after its last written position
/// when it activates, and trims what its written state already holds.</summary>
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
