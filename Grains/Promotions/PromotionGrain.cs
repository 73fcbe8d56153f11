using Recsys.Runtime;

namespace Recsys.Grains.Promotions;

public sealed class PromotionGrain([PersistentState("promotion")] IPersistentState<PromotionState> state)
    : Grain, IPromotionGrain
{
    public Task Add(string itemId)
    {
        var position = state.State.ItemIds.BinarySearch(itemId, StringComparer.Ordinal);
        if (position >= 0)
        {
            return Task.CompletedTask;
        }
        state.State.ItemIds.Insert(~position, itemId);
        return state.WriteStateAsync();
    }

    public Task Remove(string itemId)
    {
        var position = state.State.ItemIds.BinarySearch(itemId, StringComparer.Ordinal);
        if (position < 0)
        {
            return Task.CompletedTask;
        }
        state.State.ItemIds.RemoveAt(position);
        return state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> Items() => Task.FromResult<IReadOnlyList<string>>([.. state.State.ItemIds]);
}
