using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;

namespace Recsys.Model.Recommender;

/// <summary>An item's vector: LayerNorm(id embedding + title vector + category + family + price embeddings).
/// Items the model never saw share the id embedding's unknown row, so their vector comes from their title,
/// category, family and price: a new item lands near items like it (cold start).</summary>
public sealed class ItemTower : Module
{
    public ItemTower(ItemVocabulary vocabulary, ItemTextTower text, long dimension, Device? device = null)
    {
        if (text.Dimension != dimension)
        {
            throw new ArgumentException($"the text tower makes {text.Dimension}-d vectors, the item tower {dimension}-d ones",
                nameof(text));
        }

        Ids = RegisterModule("id_embeddings", new Embedding(vocabulary.ItemRows, dimension, device: device));
        Text = RegisterModule("text", text);
        Categories = RegisterModule("category_embeddings", new Embedding(vocabulary.CategoryRows, dimension, device: device));
        Families = RegisterModule("family_embeddings", new Embedding(vocabulary.FamilyRows, dimension, device: device));
        Prices = RegisterModule("price_embeddings", new Embedding(ItemDescription.PriceBuckets, dimension, device: device));
        Norm = RegisterModule("layer_norm", new LayerNorm(dimension, device: device));
        foreach (var table in new[] { Ids, Categories, Families, Prices })
        {
            Initialisation.Shrink(table.Weight);
        }
    }

    public Embedding Ids { get; }

    public ItemTextTower Text { get; }

    public Embedding Categories { get; }

    public Embedding Families { get; }

    public Embedding Prices { get; }

    public LayerNorm Norm { get; }

    /// <summary>The vectors [items, dimension] of every item of <paramref name="items"/>. In training, each item
    /// loses its id embedding with probability <paramref name="idDropout"/> (it gets the unknown row), so the
    /// other parts learn to stand in for it.</summary>
    public Tensor Forward(ItemInputs items, double idDropout = 0)
    {
        using var scope = LibTorch.NewDisposeScope();
        var device = items.IdRows.Device;
        var idRows = IsTraining && idDropout > 0
            ? items.IdRows.MaskedFill(LibTorch.Rand([items.Count], device: device).Lt(idDropout), ItemVocabulary.Unknown)
            : items.IdRows;
        var all = LibTorch.Arange(0, items.Count, device: device);
        var sum = Ids.Forward(idRows) + Text.Encode(items, all) + Categories.Forward(items.CategoryRows)
                  + Families.Forward(items.FamilyRows) + Prices.Forward(items.PriceBuckets);
        return Norm.Forward(sum).MoveToOuterScope();
    }
}
