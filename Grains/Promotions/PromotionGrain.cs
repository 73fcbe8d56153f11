using Recsys.Grains.Persistence;

namespace Recsys.Grains.Promotions;

[GrainType("promotion")]
public sealed class PromotionGrain([PersistentState("promotion", RecsysGrainStorage.Name)] IPersistentState<PromotionState> state)
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

    public Task<IReadOnlyList<string>> Items() => Task.FromResult<IReadOnlyList<string>>(state.State.ItemIds.ToArray());
}
