namespace Recsys.Model.Recommender;

/// <summary>Embedding rows of named things (items, countries, ...): row 0 is the shared unknown row, name i of
/// the list is row i + 1.</summary>
internal static class EmbeddingRows
{
    public const int Unknown = 0;

    public static Dictionary<string, int> Of(IReadOnlyList<string> names) =>
        names.Select((name, index) => (name, index)).ToDictionary(pair => pair.name, pair => pair.index + 1,
            StringComparer.Ordinal);

    /// <summary>The name's row; <see cref="Unknown"/> for a missing or unlisted name.</summary>
    public static int Row(Dictionary<string, int> rows, string? name) =>
        name is not null && rows.TryGetValue(name, out var row) ? row : Unknown;
}
