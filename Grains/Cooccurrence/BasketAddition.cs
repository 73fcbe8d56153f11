namespace Recsys.Grains.Cooccurrence;

/// <summary>An item that joined a basket already holding <paramref name="ItemsBefore"/>.</summary>
[GenerateSerializer]
[Alias("recsys.BasketAddition")]
[Immutable]
public sealed record BasketAddition(string ItemId, IReadOnlyList<string> ItemsBefore);
