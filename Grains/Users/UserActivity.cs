using Recsys.Grains.Cooccurrence;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Items;
using Recsys.Grains.Popularity;

namespace Recsys.Grains.Users;

/// <summary>Applies a user's events to their state: de-duplication, bounded history, current scene,
/// purchase and engagement profiles, recent baskets; and collects what the events mean for the
/// shared aggregates.</summary>
internal sealed class UserActivity
{
    private readonly UserState _state;
    private readonly UserGrainOptions _options;

    public UserActivity(UserState state, UserGrainOptions options, double engagementDecayDays)
    {
        _state = state;
        _options = options;
        AdoptEarlierEventIds();
        ShareHistoryStrings();
        state.Purchases.Capacity = options.ProfileItems;
        state.Engagement.Capacity = options.ProfileItems;
        state.Engagement.DecayDays = engagementDecayDays;
    }

    public void Apply(UserEvent userEvent, long journalSequence, ActivitySignals signals)
    {
        _state.AppliedSequence = Math.Max(_state.AppliedSequence, journalSequence);
        switch (_state.EventIds.Remember(userEvent.EventId, userEvent.Timestamp, _options.DeduplicationCapacity))
        {
            case EventIdCheck.Duplicate:
                _state.DuplicatesDropped++;
                signals.Duplicates++;
                return;
            case EventIdCheck.Expired:
                signals.Expired++;
                return;
        }
        _state.EventsTracked++;
        var time = userEvent.Timestamp;
        var itemId = SharedStrings.Of(userEvent.ItemId);
        var location = SharedStrings.Of(userEvent.Location);
        _state.FirstSeen = _state.FirstSeen is { } first && first <= time ? first : time;
        _state.LastSeen = _state.LastSeen is { } last && last >= time ? last : time;
        var basketId = AddToHistory(userEvent, itemId, location);
        UpdateScene(userEvent, location);

        if (userEvent.Type == EventType.Purchase)
        {
            var itemsBefore = _state.Baskets.Add(basketId ?? userEvent.EventId, itemId, time);
            if (itemsBefore is not null)
            {
                _state.Purchases.Add(itemId, time);
                signals.AddBasketItem(new BasketItem(itemId, time), location ?? _state.Scene.Location, userEvent.Device ?? _state.Scene.Device);
                signals.BasketAdditions.Add(new BasketAddition(itemId, itemsBefore));
            }
        }
        else
        {
            _state.Engagement.Add(itemId, time);
        }
        signals.AddInteraction(itemId, new ItemInteraction(userEvent.Type, time));
        signals.Accepted++;
    }

    /// <summary>State written before the index kept its last 1,000 ids as strings: they join the index, dated by
    /// the history entry that has them or else by the user's latest event.</summary>
    private void AdoptEarlierEventIds()
    {
        if (_state.RecentEventIds.Count == 0)
        {
            return;
        }
        var dates = _state.History.ToDictionary(entry => entry.EventId, entry => entry.Timestamp, StringComparer.Ordinal);
        foreach (var eventId in _state.RecentEventIds)
        {
            var date = dates.TryGetValue(eventId, out var timestamp) ? timestamp : _state.LastSeen ?? DateTimeOffset.UnixEpoch;
            _state.EventIds.Remember(eventId, date, _options.DeduplicationCapacity);
        }
        _state.RecentEventIds.Clear();
    }

    /// <summary>State read from storage has a copy of every string per entry: they become the shared ones, and a
    /// basket id the copy of the entry before when they are equal.</summary>
    private void ShareHistoryStrings()
    {
        var history = _state.History;
        for (var position = 0; position < history.Count; position++)
        {
            var entry = history[position];
            history[position] = entry with
            {
                ItemId = SharedStrings.Of(entry.ItemId),
                Location = SharedStrings.Of(entry.Location),
                BasketId = SameBasket(position > 0 ? history[position - 1].BasketId : null, entry.BasketId),
            };
        }
    }

    /// <summary>The events of a basket follow one another: the newest entry's copy of the basket id serves the next.</summary>
    private static string? SameBasket(string? previous, string? basketId) =>
        previous is not null && string.Equals(previous, basketId, StringComparison.Ordinal) ? previous : basketId;

    /// <returns>The basket id as kept.</returns>
    private string? AddToHistory(UserEvent userEvent, string itemId, string? location)
    {
        var history = _state.History;
        var entry = new HistoryEntry
        {
            EventId = userEvent.EventId,
            ItemId = itemId,
            Type = userEvent.Type,
            Timestamp = userEvent.Timestamp,
            Quantity = userEvent.Quantity,
            BasketId = SameBasket(history.Count > 0 ? history[^1].BasketId : null, userEvent.BasketId),
            Location = location,
        };
        // Usually the newest: the search from the end is one step.
        var position = history.Count;
        while (position > 0 && history[position - 1].Timestamp > entry.Timestamp)
        {
            position--;
        }
        history.Insert(position, entry);
        if (history.Count > _options.HistoryLength)
        {
            history.RemoveRange(0, history.Count - _options.HistoryLength);
        }
        return entry.BasketId;
    }

    private void UpdateScene(UserEvent userEvent, string? location)
    {
        var scene = _state.Scene;
        if (scene.ObservedAt is { } observed && userEvent.Timestamp < observed)
        {
            return; // a late event does not describe where the user is now
        }
        _state.Scene = new SceneContext
        {
            Location = location ?? scene.Location,
            Device = userEvent.Device ?? scene.Device,
            PromotionIds = userEvent.PromotionIds ?? scene.PromotionIds,
            ObservedAt = userEvent.Timestamp,
        };
    }
}
