namespace Recsys.Grains.Interfaces;

/// <summary>The served model's vectors of the catalog (key 0; a stateless worker on every silo, with that silo's copy
/// of the vectors): semantic search and items near another. Without a model both answer no match and no version.
/// </summary>
[Alias("recsys.IItemVectorGrain")]
public interface IItemVectorGrain : IGrainWithIntegerKey
{
    /// <summary>The items whose titles the text tower puts closest to <paramref name="query"/>.</summary>
    [Alias("Search")]
    Task<VectorMatches> Search(string query, int count);

    /// <summary>The items whose vectors (purchases and text) lie closest to the item's; none for an item the index
    /// lacks.</summary>
    [Alias("Similar")]
    Task<VectorMatches> Similar(string itemId, int count);
}

/// <summary>Items found by their vectors, best first.</summary>
[GenerateSerializer]
[Alias("recsys.VectorMatches")]
[Immutable]
public sealed record VectorMatches
{
    public static VectorMatches None { get; } = new() { Matches = [] };

    [Id(0)]
    public required IReadOnlyList<VectorMatch> Matches { get; init; }

    /// <summary>The model whose vectors these are; null when none is served.</summary>
    [Id(1)]
    public string? ModelVersion { get; init; }
}

/// <summary>An item and its cosine similarity (−1 to 1) to what was asked.</summary>
[GenerateSerializer]
[Alias("recsys.VectorMatch")]
[Immutable]
public sealed record VectorMatch
{
    [Id(0)]
    public required string ItemId { get; init; }

    [Id(1)]
    public required double Score { get; init; }
}
