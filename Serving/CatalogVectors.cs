using Recsys.Grains.Interfaces;
using Recsys.Model.Recommender;

namespace Recsys.Serving;

/// <summary>One served model's vectors of the catalog this silo knows: the text tower's (semantic search) and the item
/// tower's (similar items). They start with the snapshot's items, computed here in batches; an item the catalog gains
/// later brings the vectors its item grain computed at upsert (cold start by its title, category and price), so no item
/// waits for a new model, and each is encoded once per model however many silos search it.</summary>
public sealed class CatalogVectors
{
    /// <summary>Items encoded per pass of the towers, and item grains asked at once: bounds a pass's tensors and a
    /// silo's calls in flight.</summary>
    private const int EncodeBatch = 512;

    private readonly ServedRecommender recommender;
    private readonly SemaphoreSlim adding = new(1, 1);
    private volatile Indexes indexes;

    /// <summary>How many titles the last <see cref="Cover"/> saw: a silo's catalog copy only grows, so an unchanged
    /// count means nothing to add, without looking up every id on every search.</summary>
    private int coveredTitles;

    public CatalogVectors(ServedRecommender recommender)
    {
        this.recommender = recommender;
        indexes = new Indexes(ItemVectorIndex.Empty(recommender.Dimension), ItemVectorIndex.Empty(recommender.Dimension));
        foreach (var chunk in recommender.Catalog.Values.Chunk(EncodeBatch))
        {
            Add([.. chunk.Select(item => item.Id)], recommender.ItemVectors(chunk),
                recommender.TextVectors([.. chunk.Select(item => item.Title)]));
        }
    }

    /// <summary>Titles and queries, by the text tower.</summary>
    public ItemVectorIndex Text => indexes.Text;

    /// <summary>Items, by the item tower (purchases, title, category, price).</summary>
    public ItemVectorIndex Items => indexes.Items;

    /// <summary>One catalog entry's vectors by <paramref name="recommender"/>.</summary>
    public static ItemVectors Encode(ServedRecommender recommender, ItemInfo item) => new()
    {
        ModelVersion = recommender.Version,
        Item = recommender.ItemVectors([item]),
        Text = recommender.TextVectors([item.Title]),
    };

    /// <summary>Adds the items of <paramref name="titles"/> (item id → title) that the indexes lack, with the vectors
    /// <paramref name="kept"/> gives (in a silo: their item grains'); an item without vectors of this model is encoded
    /// here from its title.</summary>
    public async Task Cover(IReadOnlyDictionary<string, string> titles, Func<string, Task<ItemVectors?>> kept)
    {
        if (Volatile.Read(ref coveredTitles) == titles.Count)
        {
            return;
        }

        await adding.WaitAsync();
        try
        {
            var count = titles.Count;
            var missing = titles.Where(pair => !Items.Contains(pair.Key)).ToList();
            foreach (var chunk in missing.Chunk(EncodeBatch))
            {
                var found = await Task.WhenAll(chunk.Select(pair => kept(pair.Key)));
                var withVectors = Enumerable.Range(0, chunk.Length)
                    .Where(i => found[i] is { } vectors && vectors.ModelVersion == recommender.Version
                                && vectors.Item.Length == recommender.Dimension && vectors.Text.Length == recommender.Dimension)
                    .ToList();
                Add(withVectors.ConvertAll(i => chunk[i].Key), [.. withVectors.SelectMany(i => found[i]!.Item)],
                    [.. withVectors.SelectMany(i => found[i]!.Text)]);
                var encodeHere = chunk.Where((_, i) => !withVectors.Contains(i))
                    .Select(pair => new ItemInfo { Id = pair.Key, Title = pair.Value }).ToList();
                Add([.. encodeHere.Select(item => item.Id)], recommender.ItemVectors(encodeHere),
                    recommender.TextVectors([.. encodeHere.Select(item => item.Title)]));
            }

            Volatile.Write(ref coveredTitles, count);
        }
        finally
        {
            adding.Release();
        }
    }

    /// <param name="items">Row-major [ids × dimension], the item tower's.</param>
    /// <param name="texts">Row-major [ids × dimension], the text tower's.</param>
    private void Add(IReadOnlyList<string> ids, float[] items, float[] texts)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var current = indexes;
        indexes = new Indexes(current.Text.With(ids, texts), current.Items.With(ids, items));
    }

    private sealed record Indexes(ItemVectorIndex Text, ItemVectorIndex Items);
}
