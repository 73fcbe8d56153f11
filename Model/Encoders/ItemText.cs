using Recsys.Grains.Interfaces;

namespace Recsys.Model.Encoders;

/// <summary>The text of an item that the text encoder reads.</summary>
public static class ItemText
{
    /// <summary>The title, then the description when asked for and present: titles come first because texts
    /// longer than the encoder's maximum are cut at the end.</summary>
    public static string Of(ItemInfo item, bool includeDescription) =>
        includeDescription && !string.IsNullOrWhiteSpace(item.Description) ? $"{item.Title}. {item.Description}" : item.Title;
}
