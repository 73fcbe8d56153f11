namespace Recsys.Grains.Popularity;

/// <summary>An item that joined a basket at <paramref name="Time"/> (counted once per basket).</summary>
[GenerateSerializer]
[Alias("recsys.BasketItem")]
[Immutable]
public sealed record BasketItem(string ItemId, DateTimeOffset Time);
