namespace Recsys.Grains.Interfaces;

/// <summary>Asks for the catalog items that best match <see cref="Query"/>, re-ranked for <see cref="UserId"/> when
/// one is given.</summary>
[GenerateSerializer]
[Alias("recsys.SearchRequest")]
[Immutable]
public sealed record SearchRequest
{
    public const int MaxCount = 100;
    public const int MaxQueryLength = 256;
    public const int DefaultCount = 10;

    [Id(0)]
    public required string Query { get; init; }

    [Id(1)]
    public int Count { get; init; } = DefaultCount;

    /// <summary>Whose purchases, baskets and views lift the items they are drawn to.</summary>
    [Id(2)]
    public string? UserId { get; init; }

    /// <summary>Match misspelt words too (within one edit, two for words of seven letters or more).</summary>
    [Id(3)]
    public bool TypoTolerant { get; init; } = true;

    /// <summary>The moment the user's purchases and views are weighed from (they decay with age), as for
    /// recommendations. Null means now.</summary>
    [Id(4)]
    public DateTimeOffset? At { get; init; }

    [Id(5)]
    public SearchMode Mode { get; init; } = SearchMode.Keyword;
}

/// <summary>An item found by search or as similar to another, with why.</summary>
[GenerateSerializer]
[Alias("recsys.FoundItem")]
[Immutable]
public sealed record FoundItem
{
    [Id(0)]
    public required string ItemId { get; init; }

    [Id(1)]
    public required string Title { get; init; }

    /// <summary>Larger is better; comparable within one answer only.</summary>
    [Id(2)]
    public required double Score { get; init; }

    /// <summary>For example "matches the search; you bought it before" or "often bought with X".</summary>
    [Id(3)]
    public required string Reason { get; init; }
}

/// <summary>The answer to <see cref="ISearchGrain.Search"/>.</summary>
[GenerateSerializer]
[Alias("recsys.SearchResults")]
[Immutable]
public sealed record SearchResults
{
    [Id(0)]
    public required string Query { get; init; }

    [Id(1)]
    public string? UserId { get; init; }

    [Id(2)]
    public required IReadOnlyList<FoundItem> Items { get; init; }

    /// <summary>How the items were found and ordered, e.g. "keyword-bm25/1" or "hybrid-bm25+vectors/1".</summary>
    [Id(3)]
    public required string Strategy { get; init; }

    /// <summary>The model whose vectors took part; null for keyword matching alone.</summary>
    [Id(4)]
    public string? ModelVersion { get; init; }
}

/// <summary>The answer to <see cref="ISearchGrain.Similar"/>.</summary>
[GenerateSerializer]
[Alias("recsys.SimilarItems")]
[Immutable]
public sealed record SimilarItems
{
    [Id(0)]
    public required string ItemId { get; init; }

    [Id(1)]
    public required IReadOnlyList<FoundItem> Items { get; init; }

    [Id(2)]
    public required string Strategy { get; init; }

    /// <summary>False when the item was neither upserted nor seen in events (and the list is empty).</summary>
    [Id(3)]
    public bool Known { get; init; } = true;

    /// <summary>The model whose item vectors took part; null when none is served.</summary>
    [Id(4)]
    public string? ModelVersion { get; init; }
}

/// <summary>How strongly a user is drawn to an item (the recommendation mix's score of their own signals: larger is
/// stronger, comparable within one answer) and by what.</summary>
[GenerateSerializer]
[Alias("recsys.PersonalAffinity")]
[Immutable]
public sealed record PersonalAffinity(
    [property: Id(0)] double Score,
    [property: Id(1)] RecommendationSource Source);
