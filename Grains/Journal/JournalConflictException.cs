namespace Recsys.Grains.Journal;

/// <summary>An append found its position taken: another activation of the same user journaled first (for a
/// moment two silos both held the user). The appending activation must stop and let the next one replay.</summary>
public sealed class JournalConflictException(string userId, long sequence)
    : Exception($"Position {sequence} of user '{userId}' in the event journal is already taken by another activation of the user.")
{
    public string UserId { get; } = userId;

    public long Sequence { get; } = sequence;
}
