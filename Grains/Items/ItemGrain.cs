using Microsoft.Extensions.Options;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Grains.Persistence;
using Recsys.Grains.Promotions;
using Recsys.Grains.Recommendations;
using Recsys.Runtime;

namespace Recsys.Grains.Items;

public sealed class ItemGrain(
    [PersistentState("item")] IPersistentState<ItemState> state,
    IOptions<RecommenderOptions> options)
    : WriteBehindGrain<ItemState>(state), IItemGrain, IItemSignals
{
    private readonly RecommenderOptions _options = options.Value;

    protected override TimeSpan FlushInterval => _options.AggregateFlushInterval;

    /// <summary>Catalog changes are written at once: an acknowledged upsert is durable.</summary>
    public async Task Upsert(ItemInfo item)
    {
        if (item.Id != GetPrimaryKeyString())
        {
            throw new ArgumentException($"Item id '{item.Id}' does not match the grain's key '{GetPrimaryKeyString()}'.", nameof(item));
        }
        var errors = ContractValidator.Validate(item);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Field} {e.Message}")), nameof(item));
        }
        var before = PromotionScope.Of(State.Info).ToHashSet(StringComparer.Ordinal);
        var after = PromotionScope.Of(item).ToHashSet(StringComparer.Ordinal);
        State.Info = item;
        await FlushNow();
        await Task.WhenAll(
            after.Except(before).Select(p => GrainFactory.GetGrain<IPromotionGrain>(p).Add(item.Id))
                .Concat(before.Except(after).Select(p => GrainFactory.GetGrain<IPromotionGrain>(p).Remove(item.Id))));
    }

    public Task<ItemSnapshot> Info()
    {
        var asOf = State.LastInteraction;
        var halfLife = _options.ItemCounterHalfLife;
        double At(DecayedCounter counter) => asOf is { } time ? counter.ValueAt(time, halfLife) : 0;
        return Task.FromResult(new ItemSnapshot
        {
            ItemId = GetPrimaryKeyString(),
            Known = State.Info is not null,
            Item = State.Info,
            LastInteraction = State.LastInteraction,
            Popularity = new ItemPopularity
            {
                Views = At(State.Views),
                Clicks = At(State.Clicks),
                Carts = At(State.Carts),
                Purchases = At(State.Purchases),
                AsOf = asOf,
            },
        });
    }

    public async Task<bool> Record(IReadOnlyList<ItemInteraction> interactions)
    {
        foreach (var interaction in interactions)
        {
            State.CounterFor(interaction.Type).Add(interaction.Time, _options.ItemCounterHalfLife);
            if (State.LastInteraction is not { } last || interaction.Time > last)
            {
                State.LastInteraction = interaction.Time;
            }
        }
        await MarkChanged(interactions.Count);
        return State.Info is not null;
    }

    private async Task FlushNow()
    {
        await MarkChanged();
        await FlushIfChanged();
    }
}
