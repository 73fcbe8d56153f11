using Recsys.Grains.Interfaces;
using Recsys.Model.Data;
using Recsys.Model.Text;
using static TorchSharp.torch;

namespace Recsys.Model.Recommender;

/// <summary>The items a model can rank at one moment, numbered 0 .. <see cref="Count"/> − 1: every item of the
/// history, in order of first purchase, described by the catalog and the history's prices.</summary>
public sealed class ItemUniverse
{
    private readonly Dictionary<string, int> indices;

    /// <summary>A universe of the given items, in that order.</summary>
    public static ItemUniverse Of(IReadOnlyList<ItemDescription> items) => new(items);

    private ItemUniverse(IReadOnlyList<ItemDescription> items)
    {
        Items = items;
        indices = items.Select((item, index) => (item.Id, index))
            .ToDictionary(pair => pair.Id, pair => pair.index, StringComparer.Ordinal);
    }

    public IReadOnlyList<ItemDescription> Items { get; }

    public int Count => Items.Count;

    /// <summary>The index of the zero vector that pads short purchase sequences: one past the last item.</summary>
    public int PaddingIndex => Items.Count;

    /// <param name="history">The baskets the model may see.</param>
    /// <param name="catalog">Titles and categories by item id; items without an entry are described by their id.
    /// </param>
    public static ItemUniverse Of(IEnumerable<Basket> history, IReadOnlyDictionary<string, ItemInfo>? catalog)
    {
        var logPrices = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var basket in history)
        {
            foreach (var line in basket.Lines)
            {
                if (!logPrices.TryGetValue(line.ItemId, out var prices))
                {
                    order.Add(line.ItemId);
                }

                logPrices[line.ItemId] = line.UnitPrice is { } price && price > 0
                    ? (prices.Sum + Math.Log(price), prices.Count + 1)
                    : prices;
            }
        }

        return Of(order.ConvertAll(id =>
        {
            var info = catalog?.GetValueOrDefault(id);
            var (sum, count) = logPrices[id];
            var logPrice = count > 0 ? sum / count
                : info?.Price is { } price && price > 0 ? Math.Log(price) : (double?)null;
            return ItemDescription.Create(id, info?.Title, info?.Category, logPrice);
        }));
    }

    public bool TryGetIndex(string itemId, out int index) => indices.TryGetValue(itemId, out index);

    /// <summary>The tensors the item tower reads, on <paramref name="device"/>.</summary>
    public ItemInputs ToInputs(ItemVocabulary vocabulary, BertTokenizer tokenizer, int maxTitleTokens, Device device)
    {
        var titles = tokenizer.EncodeBatch(Items.Select(item => item.Title).ToList(), maxTitleTokens, Padding.MaxLength);
        return new ItemInputs(
            OnDevice(Items.Select(item => (long)vocabulary.ItemRow(item.Id)).ToArray(), [Count]),
            OnDevice(Items.Select(item => (long)vocabulary.CategoryRow(item.Category)).ToArray(), [Count]),
            OnDevice(Items.Select(item => (long)vocabulary.FamilyRow(item.Family)).ToArray(), [Count]),
            OnDevice(Items.Select(item => (long)item.PriceBucket).ToArray(), [Count]),
            OnDevice(titles.InputIds, [Count, titles.Length]),
            OnDevice(titles.AttentionMask, [Count, titles.Length]));

        // The inputs own their tensors (see ItemInputs.Dispose), whatever dispose scope the caller has open.
        Tensor OnDevice(long[] values, long[] shape) => tensor(values, shape, device: device).DetachFromDisposeScope();
    }
}

/// <summary>An <see cref="ItemUniverse"/> as int64 tensors, one row per item: embedding rows of its id,
/// category, family and price, and its tokenized title.</summary>
/// <param name="TitleIds">[items, title tokens]: [CLS] pieces [SEP], padded.</param>
/// <param name="TitleMask">1 where <paramref name="TitleIds"/> holds a token, 0 at padding.</param>
public sealed record ItemInputs(Tensor IdRows, Tensor CategoryRows, Tensor FamilyRows, Tensor PriceBuckets,
    Tensor TitleIds, Tensor TitleMask) : IDisposable
{
    public long Count => IdRows.size(0);

    /// <summary>What a frozen text encoder made of these titles, kept so that it runs once for them
    /// (<see cref="BertTitleTower"/>); freed with the inputs.</summary>
    public Tensor? FrozenTextVectors { get; set; }

    public void Dispose()
    {
        IdRows.Dispose();
        CategoryRows.Dispose();
        FamilyRows.Dispose();
        PriceBuckets.Dispose();
        TitleIds.Dispose();
        TitleMask.Dispose();
        FrozenTextVectors?.Dispose();
    }
}
