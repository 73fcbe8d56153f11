using Recsys.Model.Tensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Recommender;

/// <summary>An item's vector: LayerNorm(id embedding + title vector + category + family + price embeddings).
/// Items the model never saw share the id embedding's unknown row, so their vector comes from their title,
/// category, family and price: a new item lands near items like it (cold start).</summary>
public sealed class ItemTower : ExplicitModule
{
    public ItemTower(ItemVocabulary vocabulary, ItemTextTower text, long dimension, Device? device = null)
        : base(nameof(ItemTower))
    {
        if (text.Dimension != dimension)
        {
            throw new ArgumentException($"the text tower makes {text.Dimension}-d vectors, the item tower {dimension}-d ones",
                nameof(text));
        }

        Ids = Register("id_embeddings", nn.Embedding(vocabulary.ItemRows, dimension, device: device));
        Text = Register("text", text);
        Categories = Register("category_embeddings", nn.Embedding(vocabulary.CategoryRows, dimension, device: device));
        Families = Register("family_embeddings", nn.Embedding(vocabulary.FamilyRows, dimension, device: device));
        Prices = Register("price_embeddings", nn.Embedding(ItemDescription.PriceBuckets, dimension, device: device));
        Norm = Register("layer_norm", nn.LayerNorm([dimension], device: device));
        foreach (var table in new[] { Ids, Categories, Families, Prices })
        {
            Initialisation.Shrink(table);
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
        using var scope = NewDisposeScope();
        var device = items.IdRows.device;
        var idRows = training && idDropout > 0
            ? items.IdRows.masked_fill(rand([items.Count], device: device).lt(idDropout), ItemVocabulary.Unknown)
            : items.IdRows;
        var all = arange(0L, items.Count, device: device);
        var sum = Ids.forward(idRows) + Text.Encode(items, all) + Categories.forward(items.CategoryRows)
                  + Families.forward(items.FamilyRows) + Prices.forward(items.PriceBuckets);
        return Norm.forward(sum).MoveToOuterDisposeScope();
    }
}
