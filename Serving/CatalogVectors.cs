using Recsys.Grains.Interfaces;
using Recsys.Model.Recommender;

namespace Recsys.Serving;

/// <summary>One served model's vectors of the catalog this silo knows: the text tower's (semantic search) and the item
/// tower's (similar items). They start with the snapshot's items; an item the catalog gains later gets its vectors
/// from its title the first time a search sees it (cold start by text), so no item waits for a new model.</summary>
public sealed class CatalogVectors
{
    /// <summary>Items encoded per pass of the towers: bounds the tensors of one pass.</summary>
    private const int EncodeBatch = 512;

    private readonly ServedRecommender recommender;
    private readonly Lock adding = new();
    private volatile Indexes indexes;

    /// <summary>How many titles the last <see cref="Cover"/> saw: a silo's catalog copy only grows, so an unchanged
    /// count means nothing to add, without looking up every id on every search.</summary>
    private int coveredTitles;

    public CatalogVectors(ServedRecommender recommender)
    {
        this.recommender = recommender;
        indexes = new Indexes(ItemVectorIndex.Empty(recommender.Dimension), ItemVectorIndex.Empty(recommender.Dimension));
        Add([.. recommender.Catalog.Values]);
    }

    /// <summary>Titles and queries, by the text tower.</summary>
    public ItemVectorIndex Text => indexes.Text;

    /// <summary>Items, by the item tower (purchases, title, category, price).</summary>
    public ItemVectorIndex Items => indexes.Items;

    /// <summary>Adds the items of <paramref name="titles"/> (item id → title) that the indexes lack.</summary>
    public void Cover(IReadOnlyDictionary<string, string> titles)
    {
        if (Volatile.Read(ref coveredTitles) == titles.Count)
        {
            return;
        }

        lock (adding)
        {
            var count = titles.Count;
            Add([.. titles.Where(pair => !Items.Contains(pair.Key)).Select(pair => new ItemInfo { Id = pair.Key, Title = pair.Value })]);
            Volatile.Write(ref coveredTitles, count);
        }
    }

    private void Add(IReadOnlyList<ItemInfo> items)
    {
        foreach (var chunk in items.Chunk(EncodeBatch))
        {
            var ids = chunk.Select(item => item.Id).ToList();
            var current = indexes;
            indexes = new Indexes(
                current.Text.With(ids, recommender.TextVectors([.. chunk.Select(item => item.Title)])),
                current.Items.With(ids, recommender.ItemVectors(chunk)));
        }
    }

    private sealed record Indexes(ItemVectorIndex Text, ItemVectorIndex Items);
}
