using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Microsoft.Extensions.Options;
using Recsys.Grains.Cooccurrence;
using Recsys.Grains.Diagnostics;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Grains.Items;
using Recsys.Grains.Journal;
using Recsys.Grains.Persistence;
using Recsys.Grains.Popularity;
using Recsys.Grains.Promotions;
using Recsys.Grains.Recommendations;
using Recsys.Grains.Search;
using Recsys.Model.Recommenders;

namespace Recsys.Grains.Users;

/// <summary>One user: history, scene and profiles, written behind. Events are journaled before they are
/// applied, so state lost in a crash (of the process or of a whole silo) is rebuilt on the next activation,
/// on whichever silo, by replaying what the journal holds after the last write. Only this grain appends its
/// user's events, one call at a time and at positions of its own, so the journal holds nothing newer than
/// what the activation has applied; should a second activation ever append at the same position, the
/// journal refuses it and that activation steps down.</summary>
[GrainType("user")]
public sealed partial class UserGrain(
    [PersistentState("user", RecsysGrainStorage.Name)] IPersistentState<UserState> state,
    IEventJournal journal,
    IOptions<UserGrainOptions> userOptions,
    IOptions<RecommenderOptions> recommenderOptions,
    TimeProvider clock,
    SharedSignalsCache sharedSignals,
    CatalogReplica catalog,
    GrainsTelemetry telemetry,
    ILogger<UserGrain> logger)
    : WriteBehindGrain<UserState>(state), IUserGrain
{
    public const string Strategy = "baseline-mix/1";

    private const int ProfileEvents = 20;
    private const int ProfileItems = 10;

    private readonly UserGrainOptions _options = userOptions.Value;
    private readonly RecommenderOptions _recommender = recommenderOptions.Value;
    private UserActivity _activity = null!;

    // The last position of this user's journal: the next append goes after it.
    private long _journaledThrough;

    protected override TimeSpan FlushInterval => _options.FlushInterval;

    protected override int MaxUnflushedChanges => _options.MaxUnflushedEvents;

    private string UserId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _activity = new UserActivity(State, _options, _recommender.EngagementDecayDays);
        using var activity = GrainsTelemetry.Activities.StartActivity("journal replay");
        var missed = await journal.Read(UserId, State.AppliedSequence, cancellationToken);
        _journaledThrough = missed.Count > 0 ? missed[^1].Sequence : State.AppliedSequence;
        if (missed.Count > 0)
        {
            LogReplay(logger, UserId, missed.Count, State.AppliedSequence);
            telemetry.Replayed(missed.Count);
            await ApplyJournaled(missed);
        }
    }

    public async Task<TrackResult> Track(IReadOnlyList<UserEvent> events)
    {
        if (events.Count == 0)
        {
            return TrackResult.Empty;
        }
        var now = clock.GetUtcNow();
        var errors = events.SelectMany((e, i) => ContractValidator.Validate(e, now, _options.MaxClockSkew, $"events[{i}]")).ToList();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].UserId != UserId)
            {
                errors.Add(new($"events[{i}].userId", $"is '{events[i].UserId}' but the events were sent to user '{UserId}'."));
            }
        }
        ContractViolationException.ThrowIfAny(errors);
        IReadOnlyList<JournaledEvent> journaled;
        using (GrainsTelemetry.Activities.StartActivity("journal append"))
        {
            try
            {
                journaled = await journal.Append(UserId, _journaledThrough + 1, events, CancellationToken.None);
            }
            catch (JournalConflictException conflict)
            {
                // Another activation owns this user now: step down; a retry reaches it and is de-duplicated.
                DeactivateOnIdle();
                throw new InconsistentStateException(conflict.Message, conflict.Sequence.ToString(CultureInfo.InvariantCulture), _journaledThrough.ToString(CultureInfo.InvariantCulture));
            }
        }
        _journaledThrough = journaled[^1].Sequence;
        telemetry.Journaled(journaled.Count);
        return await ApplyJournaled(journaled);
    }

    public async Task<RecommendationList> Recommend(RecommendationRequest request)
    {
        var (at, scene) = MomentAndScene(request);
        var neighbours = await NeighboursOfRecentBaskets();
        var signals = await GatherSignals(at, scene, neighbours);
        var exclude = request.ExcludeItemIds.ToHashSet(StringComparer.Ordinal);
        var filter = await Filter(request, () => signals.ActivePromotions.Keys.Concat(signals.StandingPromotions));
        var ranked = new SceneRecommender(_recommender).Rank(signals, request.Count, exclude, filter);

        var anchors = StrongestAnchors(
            ranked.Where(c => c.Source == RecommendationSource.CoOccurrence).Select(c => c.ItemId).ToHashSet(StringComparer.Ordinal), at, neighbours);
        var titles = await Titles(ranked.Select(c => c.ItemId).Concat(anchors.Values));
        var reasons = new ReasonWriter(_recommender.PopularityWindow, scene);
        var items = ranked.ConvertAll(candidate => new RecommendedItem
        {
            ItemId = candidate.ItemId,
            Score = candidate.Score,
            Source = candidate.Source,
            Title = titles.GetValueOrDefault(candidate.ItemId),
            Reason = reasons.Write(
                candidate,
                State.Purchases.Items.GetValueOrDefault(candidate.ItemId),
                anchors.GetValueOrDefault(candidate.ItemId) is { } anchor ? titles.GetValueOrDefault(anchor) ?? anchor : null,
                signals.ActivePromotions.GetValueOrDefault(candidate.ItemId)),
        });
        return new RecommendationList { UserId = UserId, At = at, Scene = scene, Items = items, Strategy = Strategy };
    }

    public async Task<UserModelContext> ModelContext(RecommendationRequest request, DateTimeOffset since)
    {
        var (at, scene) = MomentAndScene(request);
        var baskets = State.Baskets.Baskets
            .Where(basket => basket.Time >= since && basket.Time <= at)
            .Select(basket => new PurchasedBasket { Time = basket.Time, ItemIds = [.. basket.Items] })
            .ToList();
        return new UserModelContext
        {
            At = at,
            Scene = scene,
            Baskets = baskets,
            PromotedItemIds = request.PromotedOnly ? await ScenePromotedItems(scene) : null,
            PurchasedItemIds = request.Repeats ? null : [.. State.Purchases.Items.Keys],
        };
    }

    /// <summary>The request's filter over this user's purchases, the scene's promotions and this silo's catalog copy
    /// (brought up to date first when the request names a category).</summary>
    private async Task<ItemFilter?> Filter(RecommendationRequest request, Func<IEnumerable<string>> promoted)
    {
        if (request.Category is not null)
        {
            await catalog.Refresh(GrainFactory);
        }

        return ItemFilter.For(request, catalog.Categories, promoted, () => State.Purchases.Items.Keys);
    }

    /// <summary>The request's moment (now when it names none) and scene (its fields over the user's current scene).</summary>
    /// <exception cref="ContractViolationException">The request breaks the contract.</exception>
    private (DateTimeOffset At, SceneContext Scene) MomentAndScene(RecommendationRequest request)
    {
        ContractViolationException.ThrowIfAny(ContractValidator.Validate(request));
        return (request.At ?? clock.GetUtcNow(), State.Scene with
        {
            Location = request.Location ?? State.Scene.Location,
            Device = request.Device ?? State.Scene.Device,
            PromotionIds = request.PromotionIds ?? State.Scene.PromotionIds,
        });
    }

    public async Task<IReadOnlyDictionary<string, PersonalAffinity>> Affinities(IReadOnlyList<string> itemIds, DateTimeOffset at)
    {
        ContractViolationException.ThrowIfAny(ContractValidator.ValidateAffinities(itemIds));
        var personal = PersonalSignals(at, await NeighboursOfRecentBaskets());
        return new SceneRecommender(_recommender).Affinities(personal, itemIds);
    }

    public Task<UserProfile> Profile()
    {
        var asOf = State.LastSeen ?? clock.GetUtcNow();
        var purchaseScores = State.Purchases.Scores(asOf);
        return Task.FromResult(new UserProfile
        {
            UserId = UserId,
            Known = State.EventsTracked > 0,
            EventsTracked = State.EventsTracked,
            DuplicatesDropped = State.DuplicatesDropped,
            FirstSeen = State.FirstSeen,
            LastSeen = State.LastSeen,
            Scene = State.Scene,
            RecentEvents = State.History.AsEnumerable().Reverse().Take(ProfileEvents).ToList(),
            TopItems = purchaseScores
                .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(ProfileItems)
                .Select(p => new ItemAffinity(p.Key, p.Value, State.Purchases.Items[p.Key].Purchases, State.Purchases.Items[p.Key].LastPurchase))
                .ToList(),
        });
    }

    public async Task Forget()
    {
        // State first: erasing the journal then scrubs what the store keeps of both.
        await Storage.ClearStateAsync();
        await journal.Erase(UserId, CancellationToken.None);
        _journaledThrough = 0;
        DiscardChanges();
        _activity = new UserActivity(State, _options, _recommender.EngagementDecayDays);
        LogForgotten(logger);
    }

    protected override Task OnFlushed() => journal.Trim(UserId, State.AppliedSequence, CancellationToken.None);

    private async Task<TrackResult> ApplyJournaled(IReadOnlyList<JournaledEvent> events)
    {
        var signals = new ActivitySignals();
        foreach (var journaled in events)
        {
            _activity.Apply(journaled.Event, journaled.Sequence, signals);
        }
        var unknownItems = await Publish(signals);
        await MarkChanged(events.Count);
        return new TrackResult { Accepted = signals.Accepted, Duplicates = signals.Duplicates, UnknownItems = unknownItems, Expired = signals.Expired };
    }

    /// <summary>Updates the shared aggregates; returns how many accepted events name unknown items.</summary>
    private async Task<int> Publish(ActivitySignals signals)
    {
        List<Task> updates = [];
        if (signals.NewBasketItems.Count > 0)
        {
            updates.Add(GrainFactory.GetGrain<IPopularityGrain>(PopularityScope.Global).Add(signals.NewBasketItems));
        }
        updates.AddRange(signals.NewBasketItemsByScope.Select(scope => GrainFactory.GetGrain<IPopularityGrain>(scope.Key).Add(scope.Value)));
        if (signals.BasketAdditions.Count > 0)
        {
            var perShard = CooccurrenceShards.Split(signals.BasketAdditions, _recommender.CoOccurrenceShards);
            for (var shard = 0; shard < perShard.Length; shard++)
            {
                updates.Add(GrainFactory.GetGrain<ICooccurrenceGrain>(shard).Add(perShard[shard]));
            }
        }
        var items = signals.InteractionsByItem
            .Select(async item => await GrainFactory.GetGrain<IItemSignals>(item.Key).Record(item.Value) ? 0 : item.Value.Count)
            .ToList();
        await Task.WhenAll(updates);
        return (await Task.WhenAll(items)).Sum();
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<ItemNeighbour>>> NeighboursOfRecentBaskets()
    {
        var neighbours = new Dictionary<string, IReadOnlyList<ItemNeighbour>>(StringComparer.Ordinal);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var itemId in State.Baskets.Baskets.SelectMany(b => b.Items))
        {
            if (!neighbours.ContainsKey(itemId) && !missing.Contains(itemId))
            {
                if (sharedSignals.TryGet<IReadOnlyList<ItemNeighbour>>(new(SignalKinds.Neighbours, itemId), out var kept))
                {
                    neighbours[itemId] = kept;
                }
                else
                {
                    missing.Add(itemId);
                }
            }
        }
        var answers = await Task.WhenAll(missing.GroupBy(id => CooccurrenceIndex.ShardOf(id, _recommender.CoOccurrenceShards))
            .Select(shard => GrainFactory.GetGrain<ICooccurrenceGrain>(shard.Key).Neighbours(shard.ToArray())));
        foreach (var (itemId, list) in answers.SelectMany(answer => answer.ByItem))
        {
            sharedSignals.Set(new(SignalKinds.Neighbours, itemId), list);
            neighbours[itemId] = list;
        }
        return neighbours;
    }

    private async Task<CandidateSignals> GatherSignals(
        DateTimeOffset at, SceneContext scene, IReadOnlyDictionary<string, IReadOnlyList<ItemNeighbour>> neighbours)
    {
        var global = Popular(PopularityScope.Global, at);
        var local = scene.Location is { } location
            ? Popular(PopularityScope.ForLocation(location), at)
            : Task.FromResult<IReadOnlyList<PopularItem>>([]);
        var onDevice = scene.Device is { } device
            ? Popular(PopularityScope.ForDevice(device), at)
            : Task.FromResult<IReadOnlyList<PopularItem>>([]);
        var (active, standing) = await Promotions(scene);
        return PersonalSignals(at, neighbours) with
        {
            GlobalPopular = await global,
            LocationPopular = await local,
            DevicePopular = await onDevice,
            ActivePromotions = active,
            StandingPromotions = standing.ToHashSet(StringComparer.Ordinal),
        };
    }

    /// <summary>The items of the scene's promotions (each with the first promotion naming it), and those on a standing
    /// promotion.</summary>
    private async Task<(Dictionary<string, string> Active, IReadOnlyList<string> Standing)> Promotions(SceneContext scene)
    {
        var promotions = scene.PromotionIds.Distinct(StringComparer.Ordinal)
            .Select(async id => (Id: id, Items: await PromotionItems(id)))
            .ToList();
        var standing = PromotionItems(PromotionScope.Standing);
        var active = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, items) in await Task.WhenAll(promotions))
        {
            foreach (var item in items)
            {
                active.TryAdd(item, id);
            }
        }
        return (active, await standing);
    }

    private async Task<IReadOnlyList<string>> ScenePromotedItems(SceneContext scene)
    {
        var (active, standing) = await Promotions(scene);
        return [.. active.Keys.Concat(standing).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>What the user's own behaviour says: purchases (REPEAT), items bought with those of their recent
    /// baskets (ITEMKNN), recent views, clicks and carts.</summary>
    private CandidateSignals PersonalSignals(DateTimeOffset at, IReadOnlyDictionary<string, IReadOnlyList<ItemNeighbour>> neighbours) => new()
    {
        Repeat = State.Purchases.Scores(at),
        Engagement = State.Engagement.Scores(at),
        CoOccurrence = ItemKnn.Scores(State.Baskets.Baskets, at, id => neighbours.GetValueOrDefault(id) ?? []),
    };

    /// <summary>Rankings are kept per minute of <paramref name="at"/>, as the popularity grain computes them.</summary>
    private Task<IReadOnlyList<PopularItem>> Popular(string scope, DateTimeOffset at) =>
        sharedSignals.GetOrFetch(new(SignalKinds.Popularity, scope, at.UtcTicks / TimeSpan.TicksPerMinute),
            () => GrainFactory.GetGrain<IPopularityGrain>(scope).Top(at, _recommender.PopularityCandidates));

    private Task<IReadOnlyList<string>> PromotionItems(string promotion) =>
        sharedSignals.GetOrFetch(new(SignalKinds.Promotion, promotion), () => GrainFactory.GetGrain<IPromotionGrain>(promotion).Items());

    /// <summary>For each candidate, the item of the recent baskets that contributes most to its co-occurrence
    /// score (the first such item on a tie): one pass over the baskets' neighbour lists for all candidates.</summary>
    private Dictionary<string, string> StrongestAnchors(
        IReadOnlySet<string> candidates, DateTimeOffset at, IReadOnlyDictionary<string, IReadOnlyList<ItemNeighbour>> neighbours)
    {
        var strongest = new Dictionary<string, (string Anchor, double Contribution)>(StringComparer.Ordinal);
        if (candidates.Count == 0)
        {
            return [];
        }
        foreach (var basket in State.Baskets.Baskets)
        {
            var weight = RecencyDecay.Weight(basket.Time, at);
            foreach (var item in basket.Items)
            {
                foreach (var (candidate, similarity) in neighbours.GetValueOrDefault(item) ?? [])
                {
                    var contribution = weight * similarity;
                    if (contribution > 0 && candidates.Contains(candidate)
                        && (!strongest.TryGetValue(candidate, out var best) || contribution > best.Contribution))
                    {
                        strongest[candidate] = (item, contribution);
                    }
                }
            }
        }
        return strongest.ToDictionary(pair => pair.Key, pair => pair.Value.Anchor, StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, string>> Titles(IEnumerable<string> itemIds)
    {
        var lookups = itemIds.Distinct(StringComparer.Ordinal)
            .Select(async id => (Id: id, Title: await sharedSignals.GetOrFetch(new(SignalKinds.Title, id),
                async () => (await GrainFactory.GetGrain<IItemGrain>(id).Info()).Item?.Title)));
        return (await Task.WhenAll(lookups))
            .Where(t => t.Title is not null)
            .ToDictionary(t => t.Id, t => t.Title!, StringComparer.Ordinal);
    }

    // Ids only below Information: logs are kept where an erased user's id must not remain.
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "User {UserId}: replaying {Count} journaled events after position {Sequence}")]
    private static partial void LogReplay(ILogger logger, string userId, int count, long sequence);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "A user's data was erased on request")]
    private static partial void LogForgotten(ILogger logger);
}
