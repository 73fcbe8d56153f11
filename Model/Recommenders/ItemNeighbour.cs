namespace Recsys.Model.Recommenders;

/// <summary>An item similar to another, with its cosine similarity.</summary>
[GenerateSerializer]
[Alias("recsys.ItemNeighbour")]
[Immutable]
public readonly record struct ItemNeighbour(string ItemId, double Similarity);
