using System.Globalization;

namespace Recsys.Model.Recommender;

/// <summary>What the item tower knows of an item besides its purchases: title, category, family and price.
/// </summary>
/// <param name="Category">The catalog's category; without one, the first <see cref="StockCodeCategoryLength"/>
/// characters of the id: Online Retail's stock codes are numbered by product line, so neighbouring codes are
/// alike.</param>
/// <param name="Family">The id without its trailing letters: 85123A and 85123B are colours of one product.</param>
/// <param name="LogPrice">Mean log unit price; null when unknown.</param>
public sealed record ItemDescription(string Id, string Title, string Category, string Family, double? LogPrice)
{
    public const int StockCodeCategoryLength = 4;

    /// <summary>Rows of the price embedding: 0 for an unknown price, then half-octave steps from £0.10.</summary>
    public const int PriceBuckets = 21;

    /// <summary>A price exactly on a bucket edge (£0.20) must not fall below it by a rounding error.</summary>
    private const double RoundingSlack = 1e-9;

    /// <param name="catalogCategory">The catalog's category, when it has one.</param>
    /// <param name="title">The catalog's title; the id when there is none.</param>
    public static ItemDescription Create(string id, string? title, string? catalogCategory, double? logPrice) =>
        new(id, string.IsNullOrWhiteSpace(title) ? id : title,
            string.IsNullOrWhiteSpace(catalogCategory)
                ? id[..Math.Min(StockCodeCategoryLength, id.Length)]
                : catalogCategory.Trim().ToLower(CultureInfo.InvariantCulture),
            FamilyOf(id), logPrice);

    /// <summary>0 when the price is unknown, else 1 + ⌊2 log2(price / £0.10)⌋ limited to the table.</summary>
    public int PriceBucket => LogPrice is { } logPrice && double.IsFinite(logPrice)
        ? 1 + Math.Clamp((int)Math.Floor(2 * (logPrice - Math.Log(0.1)) / Math.Log(2) + RoundingSlack), 0, PriceBuckets - 2)
        : 0;

    private static string FamilyOf(string id)
    {
        var end = id.Length;
        while (end > 1 && char.IsLetter(id[end - 1]))
        {
            end--;
        }

        return id[..end];
    }
}
