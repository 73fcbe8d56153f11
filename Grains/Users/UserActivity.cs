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
    private readonly HashSet<string> _seenEventIds;

    public UserActivity(UserState state, UserGrainOptions options, double engagementDecayDays)
    {
        _state = state;
        _options = options;
        _seenEventIds = new HashSet<string>(state.RecentEventIds, StringComparer.Ordinal);
        state.Purchases.Capacity = options.ProfileItems;
        state.Engagement.Capacity = options.ProfileItems;
        state.Engagement.DecayDays = engagementDecayDays;
    }

    public void Apply(UserEvent userEvent, long journalSequence, ActivitySignals signals)
    {
        _state.AppliedSequence = Math.Max(_state.AppliedSequence, journalSequence);
        if (!_seenEventIds.Add(userEvent.EventId))
        {
            _state.DuplicatesDropped++;
            signals.Duplicates++;
            return;
        }
        RememberEventId(userEvent.EventId);
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

    private void RememberEventId(string eventId)
    {
        _state.RecentEventIds.Add(eventId);
        if (_state.RecentEventIds.Count > _options.DeduplicationWindow)
        {
            var forgotten = _state.RecentEventIds.Count - _options.DeduplicationWindow;
            foreach (var old in _state.RecentEventIds.Take(forgotten))
            {
                _seenEventIds.Remove(old);
            }
            _state.RecentEventIds.RemoveRange(0, forgotten);
        }
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
