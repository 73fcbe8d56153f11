using Recsys.Grains.Interfaces;

namespace Recsys.Model.Data;

/// <summary>The project's own data files: <c>events.ndjson</c> (one <see cref="UserEvent"/> a line) and
/// <c>catalog.ndjson</c> (one <see cref="ItemInfo"/> a line), gzip-compressed when the name ends in ".gz".
/// Readers stream and validate each line; a bad line stops the read with its file and line number.</summary>
public static class ProjectFiles
{
    public const string EventsFileName = "events.ndjson.gz";
    public const string CatalogFileName = "catalog.ndjson.gz";

    /// <exception cref="DataFormatException">A line is malformed or invalid.</exception>
    public static IEnumerable<UserEvent> ReadEvents(string path) => NdjsonFile.Read<UserEvent>(path, Validate);

    /// <exception cref="DataFormatException">A line is malformed or invalid.</exception>
    public static IEnumerable<ItemInfo> ReadCatalog(string path) => NdjsonFile.Read<ItemInfo>(path, Validate);

    /// <returns>The number of events written.</returns>
    public static int WriteEvents(string path, IEnumerable<UserEvent> events) => NdjsonFile.Write(path, events);

    /// <returns>The number of items written.</returns>
    public static int WriteCatalog(string path, IEnumerable<ItemInfo> items) => NdjsonFile.Write(path, items);

    /// <returns>The problem with the event, or null when it is valid.</returns>
    public static string? Validate(UserEvent userEvent) =>
        MissingText(userEvent.EventId, "eventId")
        ?? MissingText(userEvent.UserId, "userId")
        ?? MissingText(userEvent.ItemId, "itemId")
        ?? (Enum.IsDefined(userEvent.Type) ? null : $"type {(int)userEvent.Type} is not an event type")
        ?? (userEvent.Quantity > 0 ? null : $"quantity {userEvent.Quantity} is not positive")
        ?? InvalidPrice(userEvent.Price);

    /// <returns>The problem with the item, or null when it is valid.</returns>
    public static string? Validate(ItemInfo item) =>
        MissingText(item.Id, "id")
        ?? MissingText(item.Title, "title")
        ?? InvalidPrice(item.Price);

    private static string? MissingText(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? $"{name} is missing or empty" : null;

    private static string? InvalidPrice(double? price) =>
        price is { } value && !(double.IsFinite(value) && value >= 0)
            ? $"price {value} is not a finite, non-negative number"
            : null;
}
