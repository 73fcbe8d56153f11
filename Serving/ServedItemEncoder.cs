using Recsys.Grains.Interfaces;
using Recsys.Grains.Items;

namespace Recsys.Serving;

/// <summary>Encodes catalog entries for the item grains with the model this silo serves: the item tower reads the
/// title, category and price, so a new item lands near items like it before anyone buys it.</summary>
public sealed class ServedItemEncoder(ModelHost models) : IItemEncoder
{
    public string? ModelVersion => models.Version;

    public ItemVectors? Encode(ItemInfo item)
    {
        using var model = models.Use();
        return model is null ? null : CatalogVectors.Encode(model.Model.Recommender, item);
    }
}
