using Recsys.Grains.Interfaces;
using Recsys.Grains.Journal;

namespace Recsys.Testing;

/// <summary>The journal in memory, for tests of the grains: same semantics, no durability.</summary>
public sealed class MemoryEventJournal : IEventJournal
{
    private readonly Dictionary<string, SortedList<long, UserEvent>> _byUser = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<JournaledEvent>> Append(string userId, long firstSequence, IReadOnlyList<UserEvent> events, CancellationToken cancellationToken)
    {
        lock (_byUser)
        {
            if (!_byUser.TryGetValue(userId, out var journal))
            {
                _byUser[userId] = journal = [];
            }
            var journaled = events.Select((e, i) => new JournaledEvent(firstSequence + i, e)).ToList();
            if (journaled.FirstOrDefault(e => journal.ContainsKey(e.Sequence)) is { } taken)
            {
                return Task.FromException<IReadOnlyList<JournaledEvent>>(new JournalConflictException(userId, taken.Sequence));
            }
            journaled.ForEach(e => journal.Add(e.Sequence, e.Event));
            return Task.FromResult<IReadOnlyList<JournaledEvent>>(journaled);
        }
    }

    public Task<IReadOnlyList<JournaledEvent>> Read(string userId, long afterSequence, CancellationToken cancellationToken)
    {
        lock (_byUser)
        {
            IReadOnlyList<JournaledEvent> found = _byUser.TryGetValue(userId, out var journal)
                ? [.. journal.Where(e => e.Key > afterSequence).Select(e => new JournaledEvent(e.Key, e.Value))]
                : [];
            return Task.FromResult(found);
        }
    }

    public Task Erase(string userId, CancellationToken cancellationToken) => Trim(userId, long.MaxValue, cancellationToken);

    public Task Trim(string userId, long throughSequence, CancellationToken cancellationToken)
    {
        lock (_byUser)
        {
            if (_byUser.TryGetValue(userId, out var journal))
            {
                foreach (var sequence in journal.Keys.Where(s => s <= throughSequence).ToList())
                {
                    journal.Remove(sequence);
                }
                if (journal.Count == 0)
                {
                    _byUser.Remove(userId);
                }
            }
            return Task.CompletedTask;
        }
    }

    public Task<long> Count(CancellationToken cancellationToken)
    {
        lock (_byUser)
        {
            return Task.FromResult((long)_byUser.Values.Sum(l => l.Count));
        }
    }
}
