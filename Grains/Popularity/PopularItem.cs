namespace Recsys.Grains.Popularity;

/// <summary>An item with its number of baskets in the window and over all time.</summary>
[GenerateSerializer]
[Alias("recsys.PopularItem")]
[Immutable]
public sealed record PopularItem(string ItemId, int RecentBaskets, int AllTimeBaskets);
