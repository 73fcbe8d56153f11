namespace Recsys.Grains.Interfaces;

/// <summary>Search and similar items over the catalog, answered on the caller's silo from its copy of the index.</summary>
[Alias("recsys.ISearchGrain")]
public interface ISearchGrain : IGrainWithIntegerKey
{
    /// <exception cref="Validation.ContractViolationException">The request breaks the contract.</exception>
    [Alias("Search")]
    Task<SearchResults> Search([Immutable] SearchRequest request);

    /// <summary>Items often bought with <paramref name="itemId"/>, then items with similar titles; empty for an item
    /// neither bought nor in the catalog.</summary>
    /// <exception cref="Validation.ContractViolationException">The id or count breaks the contract.</exception>
    [Alias("Similar")]
    Task<SimilarItems> Similar(string itemId, int count);
}
