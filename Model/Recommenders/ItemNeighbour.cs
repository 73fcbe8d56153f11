namespace Recsys.Model.Recommenders;

/// <summary>An item similar to another, with its cosine similarity.</summary>
public readonly record struct ItemNeighbour(string ItemId, double Similarity);
