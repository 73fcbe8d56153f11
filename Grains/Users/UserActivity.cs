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
        _state.FirstSeen = _state.FirstSeen is { } first && first <= time ? first : time;
        _state.LastSeen = _state.LastSeen is { } last && last >= time ? last : time;
        AddToHistory(userEvent);
        UpdateScene(userEvent);

        if (userEvent.Type == EventType.Purchase)
        {
            var itemsBefore = _state.Baskets.Add(userEvent.BasketId ?? userEvent.EventId, userEvent.ItemId, time);
            if (itemsBefore is not null)
            {
                _state.Purchases.Add(userEvent.ItemId, time);
                signals.AddBasketItem(new BasketItem(userEvent.ItemId, time), userEvent.Location ?? _state.Scene.Location, userEvent.Device ?? _state.Scene.Device);
                signals.BasketAdditions.Add(new BasketAddition(userEvent.ItemId, itemsBefore));
            }
        }
        else
        {
            _state.Engagement.Add(userEvent.ItemId, time);
        }
        signals.AddInteraction(userEvent.ItemId, new ItemInteraction(userEvent.Type, time));
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

    private void AddToHistory(UserEvent userEvent)
    {
        var entry = new HistoryEntry
        {
            EventId = userEvent.EventId,
            ItemId = userEvent.ItemId,
            Type = userEvent.Type,
            Timestamp = userEvent.Timestamp,
            Quantity = userEvent.Quantity,
            BasketId = userEvent.BasketId,
            Location = userEvent.Location,
        };
        var history = _state.History;
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
    }

    private void UpdateScene(UserEvent userEvent)
    {
        var scene = _state.Scene;
        if (scene.ObservedAt is { } observed && userEvent.Timestamp < observed)
        {
            return; // a late event does not describe where the user is now
        }
        _state.Scene = new SceneContext
        {
            Location = userEvent.Location ?? scene.Location,
            Device = userEvent.Device ?? scene.Device,
            PromotionIds = userEvent.PromotionIds ?? scene.PromotionIds,
            ObservedAt = userEvent.Timestamp,
        };
    }
}
