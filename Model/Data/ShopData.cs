using Recsys.Grains.Interfaces;

namespace Recsys.Model.Data;

/// <summary>The baskets and catalog of a data folder, whichever form it has: the project's own files
/// (<c>events.ndjson[.gz]</c>, optionally <c>catalog.ndjson[.gz]</c>) or UCI Online Retail by-day CSVs.</summary>
/// <param name="Baskets">Chronological (see <see cref="Basket.Chronological"/>).</param>
/// <param name="Catalog">By item id; empty when the folder has no catalog.</param>
/// <param name="Source">What was read, for messages: "events.ndjson.gz" or "271 CSV files".</param>
public sealed record ShopData(IReadOnlyList<Basket> Baskets, IReadOnlyDictionary<string, ItemInfo> Catalog,
    string Source)
{
    /// <summary>The project's file names a folder is checked for, compressed first.</summary>
    private static readonly string[] EventFileNames = [ProjectFiles.EventsFileName, "events.ndjson"];

    private static readonly string[] CatalogFileNames = [ProjectFiles.CatalogFileName, "catalog.ndjson"];

    /// <summary>Reads the project's files when the folder has an events file, else its CSV files.</summary>
    /// <param name="progress">Files read out of all, for the CSV files.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">It has neither an events file nor CSV files.</exception>
    /// <exception cref="DataFormatException">A file is malformed.</exception>
    public static ShopData Read(string directory, IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"no such folder: {directory}");
        }

        if (FirstExisting(directory, EventFileNames) is { } eventsPath)
        {
            var catalog = FirstExisting(directory, CatalogFileNames) is { } catalogPath
                ? ProjectFiles.ReadCatalog(catalogPath).ToDictionary(item => item.Id, StringComparer.Ordinal)
                : [];
            return new ShopData(BasketEvents.ToBaskets(ProjectFiles.ReadEvents(eventsPath)), catalog,
                Path.GetFileName(eventsPath));
        }

        var data = OnlineRetailReader.Read([directory], progress, cancellationToken);
        return new ShopData(data.Baskets, data.Catalog.ToDictionary(item => item.Id, StringComparer.Ordinal),
            $"{data.Stats.Files} CSV files");
    }

    private static string? FirstExisting(string directory, string[] names) =>
        names.Select(name => Path.Combine(directory, name)).FirstOrDefault(File.Exists);
}
