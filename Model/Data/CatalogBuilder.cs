using System.Runtime.InteropServices;
using Recsys.Grains.Interfaces;

namespace Recsys.Model.Data;

/// <summary>Collects the descriptions and prices seen for each item and turns them into catalog entries:
/// title = the most frequent trimmed description (ties: the first seen; the id when there is none),
/// price = the median unit price.</summary>
public sealed class CatalogBuilder
{
    private readonly Dictionary<string, ItemObservations> items = new(StringComparer.Ordinal);

    public void Add(string itemId, string? description, double unitPrice)
    {
        ref var observations = ref CollectionsMarshal.GetValueRefOrAddDefault(items, itemId, out _);
        observations ??= new ItemObservations();
        observations.Prices.Add(unitPrice);
        var title = description?.Trim();
        if (!string.IsNullOrEmpty(title))
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(observations.TitleCounts, title, out _);
            count++;
        }
    }

    /// <summary>Entries ordered by item id (ordinal).</summary>
    public List<ItemInfo> Build() => items
        .OrderBy(pair => pair.Key, StringComparer.Ordinal)
        .Select(pair => new ItemInfo
        {
            Id = pair.Key,
            Title = MostFrequentTitle(pair.Value.TitleCounts) ?? pair.Key,
            Price = Median(pair.Value.Prices),
        })
        .ToList();

    private static string? MostFrequentTitle(Dictionary<string, int> titleCounts)
    {
        // Without removals a Dictionary enumerates in insertion order, so a strict '>' keeps the first seen.
        string? best = null;
        var bestCount = 0;
        foreach (var (title, count) in titleCounts)
        {
            if (count > bestCount)
            {
                (best, bestCount) = (title, count);
            }
        }

        return best;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private sealed class ItemObservations
    {
        public List<double> Prices { get; } = [];

        public Dictionary<string, int> TitleCounts { get; } = new(StringComparer.Ordinal);
    }
}
