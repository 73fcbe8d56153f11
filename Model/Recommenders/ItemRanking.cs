namespace Recsys.Model.Recommenders;

/// <summary>Items in rank order, with constant-time rank look-up (used to break score ties).</summary>
public sealed class ItemRanking
{
    private readonly Dictionary<string, int> ranks;

    public ItemRanking(IReadOnlyList<string> items)
    {
        Items = items;
        ranks = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        for (var rank = 0; rank < items.Count; rank++)
        {
            ranks.Add(items[rank], rank);
        }
    }

    public static ItemRanking Empty { get; } = new([]);

    /// <summary>Best first.</summary>
    public IReadOnlyList<string> Items { get; }

    /// <summary>0 for the best item; <see cref="int.MaxValue"/> for an item not ranked.</summary>
    public int RankOf(string itemId) => ranks.GetValueOrDefault(itemId, int.MaxValue);

    /// <summary>The best <paramref name="count"/> items not excluded.</summary>
    public List<string> Top(int count, IReadOnlySet<string>? exclude = null) =>
        RankedLists.Fill(Items, count, exclude);
}
