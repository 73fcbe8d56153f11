using Recsys.Grains.Interfaces;

namespace Recsys.Grains.Journal;

/// <summary>An event with its position in its user's journal.</summary>
public sealed record JournaledEvent(long Sequence, UserEvent Event);

/// <summary>A durable, append-only log of accepted events per user, in storage every silo of the cluster
/// reaches. A user grain appends its events before it acknowledges them, replays the ones after its last
/// written position when it activates, and trims what its written state already holds. Positions are the
/// user's own (1, 2, 3, ...): a second activation of the same user appending at a taken position is refused,
/// so two silos can never both extend one user's history.</summary>
public interface IEventJournal
{
    /// <summary>Appends durably at <paramref name="firstSequence"/>, <paramref name="firstSequence"/> + 1, ...</summary>
    /// <exception cref="JournalConflictException">A position is taken: another activation of the user appended first.</exception>
    Task<IReadOnlyList<JournaledEvent>> Append(string userId, long firstSequence, IReadOnlyList<UserEvent> events, CancellationToken cancellationToken);

    /// <summary>The user's events after position <paramref name="afterSequence"/>, in order.</summary>
    Task<IReadOnlyList<JournaledEvent>> Read(string userId, long afterSequence, CancellationToken cancellationToken);

    /// <summary>Drops the user's events up to and including <paramref name="throughSequence"/>.</summary>
    Task Trim(string userId, long throughSequence, CancellationToken cancellationToken);

    /// <summary>Drops every event of the user, for erasure: where the store can, nothing of them (nor of the user's
    /// state cleared before) stays readable in its files.</summary>
    Task Erase(string userId, CancellationToken cancellationToken);

    /// <summary>Events journaled and not yet trimmed, over all users.</summary>
    Task<long> Count(CancellationToken cancellationToken);
}
