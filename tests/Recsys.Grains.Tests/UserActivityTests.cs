using Recsys.Grains.Interfaces;
using Recsys.Grains.Users;

namespace Recsys.Grains.Tests;

public sealed class UserActivityTests
{
    private readonly UserState _state = new();
    private readonly ActivitySignals _signals = new();

    private UserActivity Activity(int historyLength = 200, int capacity = 100_000) =>
        new(_state, new UserGrainOptions { HistoryLength = historyLength, DeduplicationCapacity = capacity }, engagementDecayDays: 14);

    [Fact]
    public void DuplicateEventIdsAreDroppedAndCounted()
    {
        var activity = Activity();
        var purchase = Events.Purchase("u", "A", "b1");

        activity.Apply(purchase, 1, _signals);
        activity.Apply(purchase, 2, _signals);

        Assert.Equal(1, _signals.Accepted);
        Assert.Equal(1, _signals.Duplicates);
        Assert.Equal(1, _state.EventsTracked);
        Assert.Equal(1, _state.DuplicatesDropped);
        Assert.Single(_state.History);
        Assert.Equal(2, _state.AppliedSequence);
    }

    [Fact]
    public void AnEventIsRecognisedAsADuplicateHoweverManyCameAfterIt()
    {
        var activity = Activity(historyLength: 10);
        for (var i = 0; i < 5000; i++)
        {
            activity.Apply(Events.View("u", "A", $"e{i}", i / 100.0), i, _signals);
        }

        activity.Apply(Events.View("u", "A", "e0"), 5000, _signals);

        Assert.Equal(5000, _signals.Accepted);
        Assert.Equal(1, _signals.Duplicates);
        Assert.Equal(5000, _state.EventIds.Count);
    }

    [Fact]
    public void PastItsCapacityAUserForgetsTheOldestDaysAndRefusesEventsStampedOnThem()
    {
        var activity = Activity(capacity: 20);
        for (var day = 0; day < 21; day++)
        {
            activity.Apply(Events.View("u", "A", $"e{day}", day), day, _signals);
        }

        activity.Apply(Events.View("u", "A", "e0", 0), 21, _signals);            // forgotten day: refused, not applied again
        activity.Apply(Events.View("u", "A", "late", 1), 22, _signals);          // a new id, but on a forgotten day: refused too
        activity.Apply(Events.View("u", "A", "e20", 20), 23, _signals);          // remembered: a duplicate
        activity.Apply(Events.View("u", "A", "new", 21), 24, _signals);          // after the horizon: accepted

        Assert.Equal(22, _signals.Accepted);
        Assert.Equal(2, _signals.Expired);
        Assert.Equal(1, _signals.Duplicates);
        Assert.True(_state.EventIds.Count <= 20, $"{_state.EventIds.Count} ids kept");
        Assert.Equal(DateOnly.FromDateTime(Events.Start.UtcDateTime).AddDays(2).DayNumber, _state.EventIds.ForgottenThroughDay);
    }

    [Fact]
    public void IdsOfStateWrittenBeforeTheIndexStayKnown()
    {
        _state.RecentEventIds = ["old1", "old2"];
        _state.LastSeen = Events.Start;
        var activity = Activity();

        activity.Apply(Events.View("u", "A", "old2"), 1, _signals);
        activity.Apply(Events.View("u", "A", "new"), 2, _signals);

        Assert.Empty(_state.RecentEventIds);
        Assert.Equal(1, _signals.Duplicates);
        Assert.Equal(1, _signals.Accepted);
        Assert.Equal(3, _state.EventIds.Count);
    }

    [Fact]
    public void HistoryIsBoundedAndOrderedByTimeEvenWhenEventsArriveLate()
    {
        var activity = Activity(historyLength: 3);
        foreach (var (id, day) in new[] { ("e1", 1.0), ("e2", 3.0), ("e3", 2.0), ("e4", 4.0), ("e0", 0.0) })
        {
            activity.Apply(Events.View("u", "A", id, day), 0, _signals);
        }

        Assert.Equal(["e3", "e2", "e4"], _state.History.Select(h => h.EventId));
        Assert.Equal(Events.Start, _state.FirstSeen);
        Assert.Equal(Events.Start.AddDays(4), _state.LastSeen);
    }

    [Fact]
    public void TheSceneFollowsTheLatestEventOnly()
    {
        var activity = Activity();
        activity.Apply(Events.Purchase("u", "A", "b1", day: 2, location: "Germany") with { Device = "mobile" }, 0, _signals);
        activity.Apply(Events.Purchase("u", "B", "b0", day: 1, location: "Spain"), 0, _signals);
        activity.Apply(Events.View("u", "C", "v1", day: 3) with { PromotionIds = ["SUMMER"] }, 0, _signals);

        Assert.Equal("Germany", _state.Scene.Location);
        Assert.Equal("mobile", _state.Scene.Device);
        Assert.Equal(["SUMMER"], _state.Scene.PromotionIds);
        Assert.Equal(Events.Start.AddDays(3), _state.Scene.ObservedAt);
    }

    [Fact]
    public void PurchasesFeedBasketsAndSignalsOncePerItemPerBasket()
    {
        var activity = Activity();
        activity.Apply(Events.Purchase("u", "A", "b1"), 0, _signals);
        activity.Apply(Events.Purchase("u", "B", "b1") with { Device = " Mobile  app " }, 0, _signals);
        activity.Apply(Events.Purchase("u", "A", "b1") with { EventId = "again" }, 0, _signals);
        activity.Apply(Events.View("u", "C", "v1"), 0, _signals);

        Assert.Equal(["A", "B"], _signals.NewBasketItems.Select(i => i.ItemId));
        Assert.Equal(["A", "B"], _signals.NewBasketItemsByScope["location:FRANCE"].Select(i => i.ItemId));
        Assert.Equal(["B"], _signals.NewBasketItemsByScope["device:MOBILE APP"].Select(i => i.ItemId));
        Assert.Equal([("A", 0), ("B", 1)], _signals.BasketAdditions.Select(a => (a.ItemId, a.ItemsBefore.Count)));
        Assert.Equal(1, _state.Purchases.Items["A"].Purchases);
        Assert.True(_state.Engagement.Items.ContainsKey("C"));
        Assert.Equal(2, _signals.InteractionsByItem["A"].Count);
        Assert.Equal(4, _signals.Accepted);
    }

    [Fact]
    public void ItemIdsLocationsAndBasketIdsAreKeptOnceHoweverManyCopiesArrive()
    {
        var activity = Activity();
        // Copies made at run time, as deserialization makes them: equal strings, distinct objects.
        string Copy(string value) => new(value.AsSpan());
        activity.Apply(Events.Purchase("u", Copy("SHARED-ITEM"), Copy("b1"), location: Copy("Ruritania")), 0, _signals);
        activity.Apply(Events.Purchase("u", Copy("OTHER-ITEM"), Copy("b1"), location: Copy("Ruritania")), 0, _signals);
        var otherState = new UserState();
        new UserActivity(otherState, new UserGrainOptions(), engagementDecayDays: 14)
            .Apply(Events.Purchase("v", Copy("SHARED-ITEM"), "b9", location: Copy("Ruritania")), 0, new ActivitySignals());

        Assert.Same(_state.History[0].ItemId, otherState.History[0].ItemId);
        Assert.Same(_state.History[0].Location, otherState.History[0].Location);
        Assert.Same(_state.History[0].BasketId, _state.History[1].BasketId);
        Assert.Same(_state.History[0].ItemId, _state.Purchases.Items.Keys.Single(id => id == "SHARED-ITEM"));

        // State read back from storage holds copies again: activation shares them.
        var stored = new UserState
        {
            History = [.. _state.History.Select(entry => entry with { ItemId = Copy(entry.ItemId), BasketId = Copy(entry.BasketId!) })],
        };
        _ = new UserActivity(stored, new UserGrainOptions(), engagementDecayDays: 14);
        Assert.Same(_state.History[0].ItemId, stored.History[0].ItemId);
        Assert.Same(stored.History[0].BasketId, stored.History[1].BasketId);
    }
}
