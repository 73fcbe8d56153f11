using Recsys.Grains.Interfaces;
using Recsys.Grains.Search;

namespace Recsys.Grains.Recommendations;

/// <summary>What a request's filters let through (<see cref="RecommendationRequest.Category"/>,
/// <see cref="RecommendationRequest.PromotedOnly"/>, <see cref="RecommendationRequest.Repeats"/>): one rule for the
/// non-learned mix and the served model, so a fallback answers the same question.</summary>
public sealed class ItemFilter
{
    private readonly string? category;
    private readonly IReadOnlyDictionary<string, string> categories;
    private readonly IReadOnlySet<string>? promoted;
    private readonly IReadOnlySet<string>? bought;

    private ItemFilter(string? category, IReadOnlyDictionary<string, string> categories, IReadOnlySet<string>? promoted,
        IReadOnlySet<string>? bought)
    {
        this.category = category;
        this.categories = categories;
        this.promoted = promoted;
        this.bought = bought;
    }

    /// <summary>The request's filter; null when it has none.</summary>
    /// <param name="categories">Item id → catalog category (this silo's <see cref="CatalogReplica.Categories"/>).</param>
    /// <param name="promoted">The items on promotion in the request's scene; read only when it asks for them.</param>
    /// <param name="bought">The items the user bought; read only when the request refuses repeats.</param>
    public static ItemFilter? For(RecommendationRequest request, IReadOnlyDictionary<string, string> categories,
        Func<IEnumerable<string>> promoted, Func<IEnumerable<string>> bought) =>
        request.Filters
            ? new ItemFilter(request.Category?.Trim(), categories,
                request.PromotedOnly ? promoted().ToHashSet(StringComparer.Ordinal) : null,
                request.Repeats ? null : bought().ToHashSet(StringComparer.Ordinal))
            : null;

    public bool Allows(string itemId) =>
        (category is null || (categories.TryGetValue(itemId, out var itemCategory)
                              && string.Equals(itemCategory.Trim(), category, StringComparison.OrdinalIgnoreCase)))
        && (promoted is null || promoted.Contains(itemId))
        && (bought is null || !bought.Contains(itemId));
}
