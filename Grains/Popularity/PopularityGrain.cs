using Microsoft.Extensions.Options;
using Recsys.Grains.Persistence;
using Recsys.Grains.Recommendations;
using Recsys.Model.Recommenders;

namespace Recsys.Grains.Popularity;

[GrainType("popularity")]
public sealed class PopularityGrain(
    [PersistentState("popularity", RecsysGrainStorage.Name)] IPersistentState<BasketPopularity> state,
    IOptions<RecommenderOptions> options,
    TimeProvider clock)
    : WriteBehindGrain<BasketPopularity>(state), IPopularityGrain
{
    private readonly RecommenderOptions _options = options.Value;
    private (DateTimeOffset At, int Count, long Expires, IReadOnlyList<PopularItem> Items)? _cached;

    protected override TimeSpan FlushInterval => _options.AggregateFlushInterval;

    public Task Add(IReadOnlyList<BasketItem> items)
    {
        foreach (var item in items)
        {
            State.Add(item.ItemId, item.Time);
        }
        return MarkChanged(items.Count);
    }

    public Task<IReadOnlyList<PopularItem>> Top(DateTimeOffset at, int count)
    {
        // Requests for "now" differ by milliseconds; a ranking a minute old is as good.
        var minute = new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var now = clock.GetTimestamp();
        if (_cached is { } cached && cached.At == minute && cached.Count >= count && now < cached.Expires)
        {
            return Task.FromResult<IReadOnlyList<PopularItem>>([.. cached.Items.Take(count)]);
        }
        var recent = State.RecentCounts(minute, _options.PopularityWindow);
        IReadOnlyList<PopularItem> top = State.Top(count, minute, _options.PopularityWindow)
            .ConvertAll(id => new PopularItem(id, recent.GetValueOrDefault(id), State.AllTimeCount(id)));
        _cached = (minute, count, now + (long)(_options.PopularityCacheTtl.TotalSeconds * clock.TimestampFrequency), top);
        return Task.FromResult(top);
    }
}
