using Recsys.Grains.Interfaces;
using Recsys.Model.Recommenders;

namespace Recsys.Grains.Users;

[GenerateSerializer]
[Alias("recsys.UserState")]
public sealed class UserState
{
    /// <summary>The journal position up to which events are reflected here.</summary>
    [Id(0)]
    public long AppliedSequence { get; set; }

    [Id(1)]
    public long EventsTracked { get; set; }

    [Id(2)]
    public long DuplicatesDropped { get; set; }

    [Id(3)]
    public DateTimeOffset? FirstSeen { get; set; }

    [Id(4)]
    public DateTimeOffset? LastSeen { get; set; }

    [Id(5)]
    public SceneContext Scene { get; set; } = new();

    /// <summary>Oldest first, bounded by <see cref="UserGrainOptions.HistoryLength"/>.</summary>
    [Id(6)]
    public List<HistoryEntry> History { get; set; } = [];

    /// <summary>The last 1,000 event ids, as state written before <see cref="EventIds"/> held them: read so that
    /// those ids stay known, moved into <see cref="EventIds"/> on activation and then empty.</summary>
    [Id(7)]
    public List<string> RecentEventIds { get; set; } = [];

    /// <summary>Purchased items, one count per basket, decayed (REPEAT).</summary>
    [Id(8)]
    public RepeatProfile Purchases { get; set; } = new();

    /// <summary>Viewed, clicked and carted items, decayed.</summary>
    [Id(9)]
    public RepeatProfile Engagement { get; set; } = new();

    /// <summary>The latest baskets (for "often bought with").</summary>
    [Id(10)]
    public RecentBaskets Baskets { get; set; } = new();

    /// <summary>Every event id seen, up to <see cref="UserGrainOptions.DeduplicationCapacity"/>.</summary>
    [Id(11)]
    public EventIdIndex EventIds { get; set; } = new();
}
