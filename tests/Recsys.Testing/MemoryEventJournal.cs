using Recsys.Grains.Interfaces;
using Recsys.Grains.Journal;

namespace Recsys.Testing;

/// <summary>The journal in memory, for tests of the grains: same semantics, no durability.</summary>
public sealed class MemoryEventJournal : IEventJournal
{
    private readonly Dictionary<string, List<JournaledEvent>> _byUser = new(StringComparer.Ordinal);
    private long _lastSequence;

    public Task<IReadOnlyList<JournaledEvent>> Append(IReadOnlyList<UserEvent> events, CancellationToken cancellationToken)
    {
        lock (_byUser)
        {
            var journaled = events.Select(e => new JournaledEvent(++_lastSequence, e)).ToList();
            foreach (var entry in journaled)
            {
                if (!_byUser.TryGetValue(entry.Event.UserId, out var list))
                {
                    _byUser[entry.Event.UserId] = list = [];
                }
                list.Add(entry);
            }
            return Task.FromResult<IReadOnlyList<JournaledEvent>>(journaled);
        }
    }

    public Task<IReadOnlyList<JournaledEvent>> Read(string userId, long afterSequence, CancellationToken cancellationToken)
    {
        lock (_byUser)
        {
            IReadOnlyList<JournaledEvent> found = _byUser.TryGetValue(userId, out var list)
                ? [.. list.Where(e => e.Sequence > afterSequence)]
                : [];
            return Task.FromResult(found);
        }
    }

    public Task Trim(string userId, long throughSequence, CancellationToken cancellationToken)
    {
        lock (_byUser)
        {
            if (_byUser.TryGetValue(userId, out var list))
            {
                list.RemoveAll(e => e.Sequence <= throughSequence);
                if (list.Count == 0)
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
