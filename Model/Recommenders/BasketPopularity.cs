using System.Text.Json.Serialization;
using Recsys.Model.Serialization;

namespace Recsys.Model.Recommenders;

/// <summary>How many distinct baskets held each item: all-time and per UTC day, so an item can be ranked
/// by its count in a recent window. Incremental (one call per distinct item per basket) and serializable
/// as JSON with a deterministic key order.</summary>
/// <remarks>Windows are measured in whole UTC days: a day counts when it starts in
/// [at − window, at), which is exactly [at − window, at) when <c>at</c> is a midnight. Day buckets older
/// than <see cref="RetentionDays"/> before the newest day seen are folded away (their baskets stay in
/// <see cref="AllTime"/>), so windows must not be longer than the retention, and a ranking at a moment
/// long before the newest day undercounts.</remarks>
[GenerateSerializer]
[Alias("recsys.BasketPopularity")]
public sealed class BasketPopularity
{
    public const int DefaultRetentionDays = 60;

    public static TimeSpan DefaultWindow { get; } = TimeSpan.FromDays(30);

    /// <summary>Days kept as buckets, counted back from the newest day seen (that day included).</summary>
    [Id(0)]
    public int RetentionDays { get; set; } = DefaultRetentionDays;

    [Id(1)]
    public DateOnly? NewestDay { get; set; }

    [Id(2)]
    [JsonConverter(typeof(SortedKeysJsonConverter))]
    public Dictionary<string, int> AllTime { get; set; } = new(StringComparer.Ordinal);

    [Id(3)]
    [JsonConverter(typeof(SortedKeysJsonConverter))]
    public Dictionary<DateOnly, Dictionary<string, int>> Days { get; set; } = [];

    /// <summary>Counts one basket holding <paramref name="itemId"/>; call once per distinct item per basket.</summary>
    public void Add(string itemId, DateTimeOffset time)
    {
        Maps.Increment(AllTime, itemId);
        var day = DateOnly.FromDateTime(time.UtcDateTime);
        if (NewestDay is not { } newest || day > newest)
        {
            NewestDay = day;
            FoldDaysBefore(OldestKeptDay(day));
        }

        if (day >= OldestKeptDay(NewestDay.Value))
        {
            Maps.Increment(Maps.GetOrAdd(Days, day), itemId);
        }
    }

    public int AllTimeCount(string itemId) => AllTime.GetValueOrDefault(itemId);

    /// <summary>Baskets per item in the window before <paramref name="at"/> (default 30 days).</summary>
    public Dictionary<string, int> RecentCounts(DateTimeOffset at, TimeSpan? window = null)
    {
        var windowStart = at - CheckedWindow(window);
        var recent = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (day, counts) in Days)
        {
            var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (dayStart < windowStart || dayStart >= at)
            {
                continue;
            }

            foreach (var (itemId, count) in counts)
            {
                Maps.Add(recent, itemId, count);
            }
        }

        return recent;
    }

    /// <summary>All items ranked by count in the window before <paramref name="at"/> (desc), then all-time
    /// count (desc), then rank in <paramref name="tieBreak"/> when given, then id (ordinal).</summary>
    public ItemRanking Rank(DateTimeOffset at, TimeSpan? window = null, ItemRanking? tieBreak = null)
    {
        var entries = Entries(at, window, tieBreak).ToArray();
        Array.Sort(entries, Entry.Order);
        return new ItemRanking(Array.ConvertAll(entries, entry => entry.ItemId));
    }

    /// <summary>The first <paramref name="count"/> items of <see cref="Rank"/>, skipping excluded ones.</summary>
    public List<string> Top(int count, DateTimeOffset at, TimeSpan? window = null,
        IReadOnlySet<string>? exclude = null, ItemRanking? tieBreak = null) =>
        TopK.Select(Entries(at, window, tieBreak).Where(entry => exclude?.Contains(entry.ItemId) != true),
                count, Entry.Order)
            .ConvertAll(entry => entry.ItemId);

    private IEnumerable<Entry> Entries(DateTimeOffset at, TimeSpan? window, ItemRanking? tieBreak)
    {
        var recent = RecentCounts(at, window);
        return AllTime.Select(pair => new Entry(pair.Key, recent.GetValueOrDefault(pair.Key), pair.Value,
            tieBreak?.RankOf(pair.Key) ?? int.MaxValue));
    }

    private TimeSpan CheckedWindow(TimeSpan? window)
    {
        var checkedWindow = window ?? DefaultWindow;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(checkedWindow, TimeSpan.FromDays(RetentionDays), nameof(window));
        return checkedWindow;
    }

    private DateOnly OldestKeptDay(DateOnly newestDay) => newestDay.AddDays(1 - RetentionDays);

    private void FoldDaysBefore(DateOnly oldestKept)
    {
        foreach (var day in Days.Keys.Where(day => day < oldestKept).ToList())
        {
            Days.Remove(day);
        }
    }

    private readonly record struct Entry(string ItemId, int Recent, int AllTime, int TieBreakRank)
    {
        public static IComparer<Entry> Order { get; } = Comparer<Entry>.Create((a, b) =>
        {
            var order = b.Recent.CompareTo(a.Recent);
            if (order == 0)
            {
                order = b.AllTime.CompareTo(a.AllTime);
            }

            if (order == 0)
            {
                order = a.TieBreakRank.CompareTo(b.TieBreakRank);
            }

            return order != 0 ? order : string.CompareOrdinal(a.ItemId, b.ItemId);
        });
    }
}
