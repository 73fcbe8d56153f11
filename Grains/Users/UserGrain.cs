using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recsys.Grains.Cooccurrence;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Grains.Items;
using Recsys.Grains.Journal;
using Recsys.Grains.Persistence;
using Recsys.Grains.Popularity;
using Recsys.Grains.Promotions;
using Recsys.Grains.Recommendations;
using Recsys.Model.Recommenders;
using Recsys.Runtime;

namespace Recsys.Grains.Users;

/// <summary>One user: history, scene and profiles, written behind; events come from the journal, so
/// state lost in a crash is rebuilt by replaying what the journal holds after the last write.</summary>
public sealed partial class UserGrain(
    [PersistentState("user")] IPersistentState<UserState> state,
    IEventJournal journal,
    IOptions<UserGrainOptions> userOptions,
    IOptions<RecommenderOptions> recommenderOptions,
    TimeProvider clock,
    ILogger<UserGrain> logger)
    : WriteBehindGrain<UserState>(state), IUserGrain, IUserEventSink
{
    public const string Strategy = "baseline-mix/1";

    private const int ProfileEvents = 20;
    private const int ProfileItems = 10;

    private readonly UserGrainOptions _options = userOptions.Value;
    private readonly RecommenderOptions _recommender = recommenderOptions.Value;
    private UserActivity _activity = null!;
    private bool _caughtUp;

    // Journal positions applied by the catch-up whose own Apply call has not come yet.
    private HashSet<long> _appliedByCatchUp = [];

    protected override TimeSpan FlushInterval => _options.FlushInterval;

    protected override int MaxUnflushedChanges => _options.MaxUnflushedEvents;

    private string UserId => GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _activity = new UserActivity(State, _options, _recommender.EngagementDecayDays);
    }

    public async Task<TrackResult> Track(IReadOnlyList<UserEvent> events)
    {
        if (events.Count == 0)
        {
            return TrackResult.Empty;
        }
        var now = clock.GetUtcNow();
        var errors = events.SelectMany((e, i) => ContractValidator.Validate(e, now, _options.MaxClockSkew, $"events[{i}]")).ToList();
        CheckOwnership(events, errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Field} {e.Message}")), nameof(events));
        }
        var journaled = await journal.Append(events, CancellationToken.None);
        await CatchUp(journaled[0].Sequence);
        return await ApplyJournaled(journaled);
    }

    public async Task<TrackResult> Apply(IReadOnlyList<JournaledEvent> events)
    {
        if (events.Count == 0)
        {
            return TrackResult.Empty;
        }
        List<FieldError> errors = [];
        CheckOwnership([.. events.Select(e => e.Event)], errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Field} {e.Message}")), nameof(events));
        }
        await CatchUp(events.Min(e => e.Sequence));
        return await ApplyJournaled(events);
    }

    public async Task<RecommendationList> Recommend(RecommendationRequest request)
    {
        var errors = ContractValidator.Validate(request);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Field} {e.Message}")), nameof(request));
        }
        await CatchUp();
        var at = request.At ?? clock.GetUtcNow();
        var scene = State.Scene with
        {
            Location = request.Location ?? State.Scene.Location,
            Device = request.Device ?? State.Scene.Device,
            PromotionIds = request.PromotionIds ?? State.Scene.PromotionIds,
        };
        var neighbours = await NeighboursOfRecentBaskets();
        var signals = await GatherSignals(at, scene, neighbours);
        var exclude = request.ExcludeItemIds.ToHashSet(StringComparer.Ordinal);
        var ranked = new SceneRecommender(_recommender).Rank(signals, request.Count, exclude);

        var anchors = ranked.Where(c => c.Source == RecommendationSource.CoOccurrence)
            .ToDictionary(c => c.ItemId, c => StrongestAnchor(c.ItemId, at, neighbours));
        var titles = await Titles(ranked.Select(c => c.ItemId).Concat(anchors.Values.OfType<string>()));
        var items = ranked.ConvertAll(candidate => new RecommendedItem
        {
            ItemId = candidate.ItemId,
            Score = candidate.Score,
            Source = candidate.Source,
            Title = titles.GetValueOrDefault(candidate.ItemId),
            Reason = ReasonWriter.Write(
                candidate,
                State.Purchases.Items.GetValueOrDefault(candidate.ItemId),
                anchors.GetValueOrDefault(candidate.ItemId) is { } anchor ? titles.GetValueOrDefault(anchor) ?? anchor : null,
                scene.Location,
                signals.ActivePromotions.GetValueOrDefault(candidate.ItemId),
                _recommender.PopularityWindow),
        });
        return new RecommendationList { UserId = UserId, At = at, Scene = scene, Items = items, Strategy = Strategy };
    }

    public async Task<UserProfile> Profile()
    {
        await CatchUp();
        var asOf = State.LastSeen ?? clock.GetUtcNow();
        var purchaseScores = State.Purchases.Scores(asOf);
        return new UserProfile
        {
            UserId = UserId,
            Known = State.EventsTracked > 0,
            EventsTracked = State.EventsTracked,
            DuplicatesDropped = State.DuplicatesDropped,
            FirstSeen = State.FirstSeen,
            LastSeen = State.LastSeen,
            Scene = State.Scene,
            RecentEvents = [.. State.History.AsEnumerable().Reverse().Take(ProfileEvents)],
            TopItems = [.. purchaseScores
                .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(ProfileItems)
                .Select(p => new ItemAffinity(p.Key, p.Value, State.Purchases.Items[p.Key].Purchases, State.Purchases.Items[p.Key].LastPurchase))],
        };
    }

    public async Task Forget()
    {
        await Storage.ClearStateAsync();
        await journal.Trim(UserId, long.MaxValue, CancellationToken.None);
        DiscardChanges();
        _activity = new UserActivity(State, _options, _recommender.EngagementDecayDays);
        LogForgotten(logger, UserId);
    }

    protected override Task OnFlushed() => journal.Trim(UserId, State.AppliedSequence, CancellationToken.None);

    /// <summary>Once per activation, before anything else: applies what the journal holds beyond the
    /// stored state (events acknowledged before a crash), up to the batch being applied now. A batch
    /// journaled concurrently by another request may be applied here first; its own Apply call then
    /// counts those events as accepted without applying them again.</summary>
    private async Task CatchUp(long beforeSequence = long.MaxValue)
    {
        if (_caughtUp)
        {
            return;
        }
        _caughtUp = true;
        var missed = (await journal.Read(UserId, State.AppliedSequence, CancellationToken.None))
            .Where(e => e.Sequence < beforeSequence)
            .ToList();
        if (missed.Count > 0)
        {
            LogReplay(logger, UserId, missed.Count, State.AppliedSequence);
            await ApplyJournaled(missed);
            _appliedByCatchUp = [.. missed.Select(e => e.Sequence)];
        }
    }

    private void CheckOwnership(IReadOnlyList<UserEvent> events, List<FieldError> errors)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].UserId != UserId)
            {
                errors.Add(new($"events[{i}].userId", $"is '{events[i].UserId}' but the events were sent to user '{UserId}'."));
            }
        }
    }

    private async Task<TrackResult> ApplyJournaled(IReadOnlyList<JournaledEvent> events)
    {
        var signals = new ActivitySignals();
        foreach (var journaled in events)
        {
            if (_appliedByCatchUp.Remove(journaled.Sequence))
            {
                signals.Accepted++;
                continue;
            }
            _activity.Apply(journaled.Event, journaled.Sequence, signals);
        }
        var unknownItems = await Publish(signals);
        await MarkChanged(events.Count);
        return new TrackResult { Accepted = signals.Accepted, Duplicates = signals.Duplicates, UnknownItems = unknownItems };
    }

    /// <summary>Updates the shared aggregates; returns how many accepted events name unknown items.</summary>
    private async Task<int> Publish(ActivitySignals signals)
    {
        List<Task> updates = [];
        if (signals.NewBasketItems.Count > 0)
        {
            updates.Add(GrainFactory.GetGrain<IPopularityGrain>(PopularityScope.Global).Add(signals.NewBasketItems));
        }
        updates.AddRange(signals.NewBasketItemsByLocation.Select(scope => GrainFactory.GetGrain<IPopularityGrain>(scope.Key).Add(scope.Value)));
        if (signals.BasketAdditions.Count > 0)
        {
            updates.AddRange(Enumerable.Range(0, _recommender.CoOccurrenceShards)
                .Select(shard => GrainFactory.GetGrain<ICooccurrenceGrain>(shard).Add(signals.BasketAdditions)));
        }
        var items = signals.InteractionsByItem
            .Select(async item => await GrainFactory.GetGrain<IItemSignals>(item.Key).Record(item.Value) ? 0 : item.Value.Count)
            .ToList();
        await Task.WhenAll(updates);
        return (await Task.WhenAll(items)).Sum();
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<ItemNeighbour>>> NeighboursOfRecentBaskets()
    {
        var byShard = State.Baskets.Baskets.SelectMany(b => b.Items).Distinct(StringComparer.Ordinal)
            .GroupBy(id => CooccurrenceIndex.ShardOf(id, _recommender.CoOccurrenceShards));
        var answers = await Task.WhenAll(byShard.Select(shard =>
            GrainFactory.GetGrain<ICooccurrenceGrain>(shard.Key).Neighbours([.. shard])));
        return answers.SelectMany(a => a).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    private async Task<CandidateSignals> GatherSignals(
        DateTimeOffset at, SceneContext scene, IReadOnlyDictionary<string, IReadOnlyList<ItemNeighbour>> neighbours)
    {
        var candidates = _recommender.PopularityCandidates;
        var global = GrainFactory.GetGrain<IPopularityGrain>(PopularityScope.Global).Top(at, candidates);
        var local = scene.Location is { } location
            ? GrainFactory.GetGrain<IPopularityGrain>(PopularityScope.ForLocation(location)).Top(at, candidates)
            : Task.FromResult<IReadOnlyList<PopularItem>>([]);
        var promotions = scene.PromotionIds.Distinct(StringComparer.Ordinal)
            .Select(async id => (Id: id, Items: await GrainFactory.GetGrain<IPromotionGrain>(id).Items()))
            .ToList();
        var standing = GrainFactory.GetGrain<IPromotionGrain>(PromotionScope.Standing).Items();
        var activePromotions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, items) in await Task.WhenAll(promotions))
        {
            foreach (var item in items)
            {
                activePromotions.TryAdd(item, id);
            }
        }
        return new CandidateSignals
        {
            Repeat = State.Purchases.Scores(at),
            Engagement = State.Engagement.Scores(at),
            CoOccurrence = ItemKnn.Scores(State.Baskets.Baskets, at, id => neighbours.GetValueOrDefault(id) ?? []),
            GlobalPopular = await global,
            LocationPopular = await local,
            ActivePromotions = activePromotions,
            StandingPromotions = (await standing).ToHashSet(StringComparer.Ordinal),
        };
    }

    /// <summary>The item of the recent baskets that contributes most to a co-occurrence score.</summary>
    private string? StrongestAnchor(string candidate, DateTimeOffset at, IReadOnlyDictionary<string, IReadOnlyList<ItemNeighbour>> neighbours) =>
        State.Baskets.Baskets
            .SelectMany(basket => basket.Items.Select(item => (Item: item, Contribution:
                RecencyDecay.Weight(basket.Time, at) * (neighbours.GetValueOrDefault(item) ?? []).FirstOrDefault(n => n.ItemId == candidate).Similarity)))
            .Where(c => c.Contribution > 0)
            .MaxBy(c => c.Contribution).Item;

    private async Task<Dictionary<string, string>> Titles(IEnumerable<string> itemIds)
    {
        var lookups = itemIds.Distinct(StringComparer.Ordinal)
            .Select(async id => (Id: id, (await GrainFactory.GetGrain<IItemGrain>(id).Info()).Item?.Title));
        return (await Task.WhenAll(lookups))
            .Where(t => t.Title is not null)
            .ToDictionary(t => t.Id, t => t.Title!, StringComparer.Ordinal);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "User {UserId}: replaying {Count} journaled events after position {Sequence}")]
    private static partial void LogReplay(ILogger logger, string userId, int count, long sequence);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "User {UserId}: all data erased on request")]
    private static partial void LogForgotten(ILogger logger, string userId);
}
