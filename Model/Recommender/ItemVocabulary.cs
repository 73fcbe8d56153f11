using System.Text.Json.Serialization;

namespace Recsys.Model.Recommender;

/// <summary>The items, categories and families a model learned an embedding row for; row 0 of each table is
/// the shared "unknown" row that any other (new) item gets. Part of a checkpoint.</summary>
public sealed class ItemVocabulary
{
    public const int Unknown = EmbeddingRows.Unknown;

    private readonly Dictionary<string, int> itemRows;
    private readonly Dictionary<string, int> categoryRows;
    private readonly Dictionary<string, int> familyRows;

    [JsonConstructor]
    public ItemVocabulary(IReadOnlyList<string> itemIds, IReadOnlyList<string> categories,
        IReadOnlyList<string> families)
    {
        ItemIds = itemIds;
        Categories = categories;
        Families = families;
        itemRows = EmbeddingRows.Of(itemIds);
        categoryRows = EmbeddingRows.Of(categories);
        familyRows = EmbeddingRows.Of(families);
    }

    /// <summary>Row i + 1 of the id embedding is <c>ItemIds[i]</c>.</summary>
    public IReadOnlyList<string> ItemIds { get; }

    public IReadOnlyList<string> Categories { get; }

    public IReadOnlyList<string> Families { get; }

    [JsonIgnore]
    public int ItemRows => ItemIds.Count + 1;

    [JsonIgnore]
    public int CategoryRows => Categories.Count + 1;

    [JsonIgnore]
    public int FamilyRows => Families.Count + 1;

    /// <summary>Every item of <paramref name="items"/>, with its category and family.</summary>
    public static ItemVocabulary Of(IEnumerable<ItemDescription> items)
    {
        var list = items.ToList();
        return new ItemVocabulary(Distinct(list.Select(item => item.Id)), Distinct(list.Select(item => item.Category)),
            Distinct(list.Select(item => item.Family)));
    }

    public int ItemRow(string itemId) => EmbeddingRows.Row(itemRows, itemId);

    public int CategoryRow(string category) => EmbeddingRows.Row(categoryRows, category);

    public int FamilyRow(string family) => EmbeddingRows.Row(familyRows, family);

    private static string[] Distinct(IEnumerable<string> names) =>
        [.. names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
