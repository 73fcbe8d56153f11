using Microsoft.Extensions.Options;
using Recsys.Grains.Persistence;
using Recsys.Grains.Recommendations;
using Recsys.Model.Recommenders;

namespace Recsys.Grains.Cooccurrence;

[GrainType("cooccurrence")]
public sealed class CooccurrenceGrain(
    [PersistentState("cooccurrence", RecsysGrainStorage.Name)] IPersistentState<CooccurrenceState> state,
    IOptions<RecommenderOptions> options)
    : WriteBehindGrain<CooccurrenceState>(state), ICooccurrenceGrain
{
    private readonly RecommenderOptions _options = options.Value;
    private CooccurrenceIndex _index = null!;

    protected override TimeSpan FlushInterval => _options.AggregateFlushInterval;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var shard = (int)this.GetPrimaryKeyLong();
        if (Storage.RecordExists && State.ShardCount != _options.CoOccurrenceShards)
        {
            throw new InvalidOperationException(
                $"Co-occurrence shard {shard} was stored with {State.ShardCount} shards but {RecommenderOptions.SectionName}:{nameof(RecommenderOptions.CoOccurrenceShards)} is now {_options.CoOccurrenceShards}; keep the old setting or start from empty storage.");
        }
        _index = Storage.RecordExists
            ? CooccurrenceIndex.FromState(State, _options.CoOccurrenceRowLimit)
            : new CooccurrenceIndex(shardCount: _options.CoOccurrenceShards, shardIndex: shard,
                rowLimit: _options.CoOccurrenceRowLimit);
        return base.OnActivateAsync(cancellationToken);
    }

    public Task Add(IReadOnlyList<BasketAddition> additions)
    {
        foreach (var addition in additions)
        {
            _index.AddToBasket(addition.ItemsBefore, addition.ItemId);
        }
        return MarkChanged(additions.Count);
    }

    public Task<NeighbourLists> Neighbours(IReadOnlyList<string> itemIds) =>
        Task.FromResult(new NeighbourLists(itemIds.Distinct(StringComparer.Ordinal).ToDictionary(id => id, _index.Neighbours, StringComparer.Ordinal)));

    protected override void PrepareWrite() => Storage.State = _index.ToState();
}
