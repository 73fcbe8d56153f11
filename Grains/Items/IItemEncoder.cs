using Recsys.Grains.Interfaces;

namespace Recsys.Grains.Items;

/// <summary>The served model as an item grain sees it: the serving layer implements it; a silo without that layer has
/// <see cref="NoItemEncoder"/>.</summary>
public interface IItemEncoder
{
    /// <summary>The version of the model that would encode now; null when none is loaded.</summary>
    string? ModelVersion { get; }

    /// <summary>The item's vectors by the model loaded now; null when none is.</summary>
    ItemVectors? Encode(ItemInfo item);
}

/// <summary>No model: item grains keep no vectors.</summary>
public sealed class NoItemEncoder : IItemEncoder
{
    public string? ModelVersion => null;

    public ItemVectors? Encode(ItemInfo item) => null;
}
