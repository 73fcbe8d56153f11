using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;

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

    /// <returns>The problems with the event, or null when it is valid (the rules of the HTTP API).</returns>
    public static string? Validate(UserEvent userEvent) =>
        Describe(ContractValidator.Validate(userEvent, DateTimeOffset.UtcNow, ContractLimits.DefaultMaxClockSkew));

    /// <returns>The problems with the item, or null when it is valid (the rules of the HTTP API).</returns>
    public static string? Validate(ItemInfo item) => Describe(ContractValidator.Validate(item));

    private static string? Describe(List<FieldError> errors) =>
        errors.Count == 0 ? null : string.Join("; ", errors.Select(e => $"{e.Field} {e.Message}"));
}
