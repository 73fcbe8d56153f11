using Recsys.Grains.Interfaces;
using Recsys.Model.Recommenders;

namespace Recsys.Grains.Users;

public sealed class UserState
{
    /// <summary>The journal position up to which events are reflected here.</summary>
    public long AppliedSequence { get; set; }

    public long EventsTracked { get; set; }

    public long DuplicatesDropped { get; set; }

    public DateTimeOffset? FirstSeen { get; set; }

    public DateTimeOffset? LastSeen { get; set; }

    public SceneContext Scene { get; set; } = new();

    /// <summary>Oldest first, bounded by <see cref="UserGrainOptions.HistoryLength"/>.</summary>
    public List<HistoryEntry> History { get; set; } = [];

    /// <summary>Oldest first, bounded by <see cref="UserGrainOptions.DeduplicationWindow"/>.</summary>
    public List<string> RecentEventIds { get; set; } = [];

    /// <summary>Purchased items, one count per basket, decayed (REPEAT).</summary>
    public RepeatProfile Purchases { get; set; } = new();

    /// <summary>Viewed, clicked and carted items, decayed.</summary>
    public RepeatProfile Engagement { get; set; } = new();

    /// <summary>The latest baskets (for "often bought with").</summary>
    public RecentBaskets Baskets { get; set; } = new();
}
