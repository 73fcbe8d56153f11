using System.Globalization;
using System.Text.Json;
using Recsys.Grains.Interfaces;
using Recsys.Model.Data;

namespace Recsys.Model.Recommender;

/// <summary>The purchases a served model reads its ranking features from (popularity, neighbours, each
/// customer's baskets, similar customers) and the catalog entries of their items, as of <see cref="Cutoff"/>.
/// It lives in the checkpoint's <c>snapshot/</c> folder in the project's own data format
/// (<c>events.ndjson.gz</c>, <c>catalog.ndjson.gz</c>) with <c>snapshot.json</c> naming the cutoff, so the
/// checkpoint's content hash covers it and a served model answers as <c>recsys eval</c> scores it.</summary>
/// <param name="Baskets">Chronological, all before <paramref name="Cutoff"/>.</param>
public sealed record ServingSnapshot(DateTimeOffset Cutoff, IReadOnlyList<Basket> Baskets,
    IReadOnlyDictionary<string, ItemInfo> Catalog)
{
    public const string DirectoryName = "snapshot";
    public const string InfoFileName = "snapshot.json";

    /// <summary>The baskets before <paramref name="cutoff"/> and the catalog entries of their items.</summary>
    public static ServingSnapshot Of(IEnumerable<Basket> baskets, DateTimeOffset cutoff,
        IReadOnlyDictionary<string, ItemInfo> catalog)
    {
        var kept = baskets.Where(basket => basket.Time < cutoff).ToList();
        kept.Sort(Basket.Chronological);
        var items = kept.SelectMany(basket => basket.Lines).Select(line => line.ItemId).ToHashSet(StringComparer.Ordinal);
        return new ServingSnapshot(cutoff, kept,
            catalog.Where(pair => items.Contains(pair.Key)).ToDictionary(StringComparer.Ordinal));
    }

    public void Save(string modelDirectory)
    {
        var directory = Path.Combine(modelDirectory, DirectoryName);
        Directory.CreateDirectory(directory);
        ProjectFiles.WriteEvents(Path.Combine(directory, ProjectFiles.EventsFileName), BasketEvents.ToEvents(Baskets));
        ProjectFiles.WriteCatalog(Path.Combine(directory, ProjectFiles.CatalogFileName),
            Catalog.Values.OrderBy(item => item.Id, StringComparer.Ordinal));
        File.WriteAllText(Path.Combine(directory, InfoFileName), JsonSerializer.Serialize(new Info(
            Cutoff.ToString("O", CultureInfo.InvariantCulture), Baskets.Count)));
    }

    /// <exception cref="FileNotFoundException">The checkpoint has no snapshot; says how to get one.</exception>
    /// <exception cref="DataFormatException">A snapshot file is malformed.</exception>
    public static ServingSnapshot Load(string modelDirectory)
    {
        var directory = Path.Combine(modelDirectory, DirectoryName);
        var infoPath = Path.Combine(directory, InfoFileName);
        if (!File.Exists(infoPath))
        {
            throw new FileNotFoundException(
                $"{modelDirectory} has no serving snapshot ({DirectoryName}/{InfoFileName}): a checkpoint needs the "
                + "purchases its features are read from to be served; train it again with recsys train, which writes one");
        }

        var info = JsonSerializer.Deserialize<Info>(File.ReadAllText(infoPath))
                   ?? throw new DataFormatException(infoPath, null, "empty");
        if (!DateTimeOffset.TryParse(info.Cutoff, CultureInfo.InvariantCulture, DateTimeStyles.None, out var cutoff))
        {
            throw new DataFormatException(infoPath, null, $"cutoff '{info.Cutoff}' is not a time");
        }

        var data = ShopData.Read(directory);
        if (data.Baskets.Count != info.Baskets || data.Baskets.Any(basket => basket.Time >= cutoff))
        {
            throw new DataFormatException(directory, null,
                $"{data.Baskets.Count} baskets where {InfoFileName} says {info.Baskets}, all before {info.Cutoff}");
        }

        return new ServingSnapshot(cutoff, data.Baskets, data.Catalog);
    }

    private sealed record Info(string Cutoff, int Baskets);
}
