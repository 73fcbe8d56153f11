using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Grains.Persistence;
using Recsys.Grains.Promotions;
using Recsys.Grains.Recommendations;
using Recsys.Grains.Catalog;
using Recsys.Model;
using Recsys.Grains.Search;

namespace Recsys.Grains.Items;

[GrainType("item")]
public sealed partial class ItemGrain(
    [PersistentState("item", RecsysGrainStorage.Name)] IPersistentState<ItemState> state,
    IOptions<RecommenderOptions> options,
    IOptions<SearchOptions> searchOptions,
    IItemEncoder encoder,
    ILogger<ItemGrain> logger)
    : WriteBehindGrain<ItemState>(state), IItemGrain, IItemSignals
{
    private readonly RecommenderOptions _options = options.Value;

    protected override TimeSpan FlushInterval => _options.AggregateFlushInterval;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State.Info is not null && !State.InCatalog)
        {
            // Activation also serves ingestion: a catalog shard that cannot be written must not stop it. The next
            // activation tries again.
            try
            {
                await PutInCatalog();
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogCatalogPutFailed(logger, failure);
            }
        }
    }

    /// <summary>Catalog changes are written at once: an acknowledged upsert is durable.</summary>
    public async Task Upsert(ItemInfo item)
    {
        var errors = ContractValidator.Validate(item);
        if (item.Id != this.GetPrimaryKeyString())
        {
            errors.Add(new("id", $"is '{item.Id}' but the item was sent to '{this.GetPrimaryKeyString()}'."));
        }
        ContractViolationException.ThrowIfAny(errors);
        var before = PromotionScope.Of(State.Info).ToHashSet(StringComparer.Ordinal);
        var after = PromotionScope.Of(item).ToHashSet(StringComparer.Ordinal);
        State.Info = item;
        State.InCatalog = false;
        // In the upsert's own write: an item is encoded once per model, not per search that meets it.
        State.Vectors = Encoded(item);
        await FlushNow();
        // Promotions before the catalog shard: a retry after a failure finds the item's state already new, so it
        // would no longer see what the promotions must change.
        await Task.WhenAll(
            after.Except(before).Select(p => GrainFactory.GetGrain<IPromotionGrain>(p).Add(item.Id))
                .Concat(before.Except(after).Select(p => GrainFactory.GetGrain<IPromotionGrain>(p).Remove(item.Id))));
        await PutInCatalog();
    }

    public Task<ItemSnapshot> Info()
    {
        var asOf = State.LastInteraction;
        var halfLife = _options.ItemCounterHalfLife;
        double At(DecayedCounter counter) => asOf is { } time ? counter.ValueAt(time, halfLife) : 0;
        return Task.FromResult(new ItemSnapshot
        {
            ItemId = this.GetPrimaryKeyString(),
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

    public async Task<ItemVectors?> Vectors()
    {
        if (State.Info is not { } item || encoder.ModelVersion is not { } version)
        {
            return null;
        }

        if (State.Vectors?.ModelVersion != version)
        {
            State.Vectors = Encoded(item);
            await MarkChanged();
        }

        return State.Vectors;
    }

    /// <summary>The encoder's vectors; a failing model leaves the item without any (a search encodes it itself) rather
    /// than failing the upsert.</summary>
    private ItemVectors? Encoded(ItemInfo item)
    {
        try
        {
            return encoder.Encode(item);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogEncodingFailed(logger, failure, item.Id);
            return null;
        }
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

    /// <summary>After the item's own write: should the shard's write fail, or the silo die in between, the next
    /// activation puts it there again.</summary>
    private async Task PutInCatalog()
    {
        await GrainFactory.GetGrain<ICatalogShardGrain>(Fnv1aHash.ShardOf(this.GetPrimaryKeyString(), searchOptions.Value.CatalogShards)).Put(State.Info!);
        State.InCatalog = true;
        await MarkChanged();
    }

    private async Task FlushNow()
    {
        await MarkChanged();
        await FlushIfChanged();
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "An item stored before the catalog shards could not join its shard; its next activation tries again")]
    private static partial void LogCatalogPutFailed(ILogger logger, Exception failure);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "The served model could not encode item {ItemId}")]
    private static partial void LogEncodingFailed(ILogger logger, Exception failure, string itemId);
}
