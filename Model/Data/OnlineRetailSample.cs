using Recsys.Grains.Interfaces;

namespace Recsys.Model.Data;

/// <summary>A deterministic subset of whole customers small enough to ship with the project: every country
/// is represented, with heavy and light buyers, so a demo can show recommendations differ per country.</summary>
/// <remarks>
/// Customers (each with their country of first purchase) are taken in rounds over the countries, one per
/// country per round; within a country they alternate between the heaviest buyers (most baskets) and a
/// fixed pseudo-random order (a stable hash of the id), which brings in light buyers. The longest prefix
/// of that order whose compressed files fit the budget is found by interpolating on the uncompressed size
/// and measuring the real gzip output, which is then what <see cref="Write"/> stores.
/// </remarks>
public sealed class OnlineRetailSample
{
    private readonly byte[] eventsFile;
    private readonly byte[] catalogFile;

    private OnlineRetailSample(IReadOnlyList<Basket> baskets, IReadOnlyList<ItemInfo> catalog, int customers,
        byte[] eventsFile, byte[] catalogFile)
    {
        Baskets = baskets;
        Catalog = catalog;
        Customers = customers;
        this.eventsFile = eventsFile;
        this.catalogFile = catalogFile;
    }

    /// <summary>Chronological.</summary>
    public IReadOnlyList<Basket> Baskets { get; }

    /// <summary>The catalog entries of the items in <see cref="Baskets"/>.</summary>
    public IReadOnlyList<ItemInfo> Catalog { get; }

    public int Customers { get; }

    public IReadOnlyList<string> Countries =>
        Baskets.Select(basket => basket.Country ?? "").Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Size of events.ndjson.gz + catalog.ndjson.gz.</summary>
    public long CompressedBytes => eventsFile.Length + catalogFile.Length;

    public static OnlineRetailSample Build(OnlineRetailData data, SampleOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new SampleOptions();
        var search = new SampleSearch(data, CustomerPriority(data.Baskets));
        var (smallest, largest) = (search.Measure(0), search.Measure(search.CustomerCount));
        if (largest.CompressedBytes <= options.MaxBytes)
        {
            return largest.ToSample();
        }

        var (feasible, infeasible) = (smallest, largest);
        var target = (long)(options.MaxBytes * options.TargetFill);
        while (infeasible.Customers - feasible.Customers > 1 && feasible.CompressedBytes < target)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var aim = (target + options.MaxBytes) / 2;
            var next = search.Measure(search.Interpolate(feasible, infeasible, aim));
            if (next.CompressedBytes <= options.MaxBytes)
            {
                feasible = next;
            }
            else
            {
                infeasible = next;
            }
        }

        return feasible.ToSample();
    }

    /// <summary>Writes <see cref="ProjectFiles.EventsFileName"/> and <see cref="ProjectFiles.CatalogFileName"/>
    /// into <paramref name="directory"/>.</summary>
    /// <returns>The paths of the two files.</returns>
    public (string EventsPath, string CatalogPath) Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var eventsPath = Path.Combine(directory, ProjectFiles.EventsFileName);
        var catalogPath = Path.Combine(directory, ProjectFiles.CatalogFileName);
        File.WriteAllBytes(eventsPath, eventsFile);
        File.WriteAllBytes(catalogPath, catalogFile);
        return (eventsPath, catalogPath);
    }

    /// <summary>All customers in the order they join the sample.</summary>
    private static List<string> CustomerPriority(IReadOnlyList<Basket> baskets)
    {
        var basketCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var customersByCountry = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var basket in baskets)
        {
            if (!basketCounts.ContainsKey(basket.CustomerId))
            {
                Maps.GetOrAdd(customersByCountry, basket.Country ?? "").Add(basket.CustomerId);
            }

            Maps.Increment(basketCounts, basket.CustomerId);
        }

        var queues = customersByCountry
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new Queue<string>(HeavyAndLight(pair.Value, basketCounts)))
            .ToList();
        var priority = new List<string>(basketCounts.Count);
        while (priority.Count < basketCounts.Count)
        {
            priority.AddRange(queues.Where(queue => queue.Count > 0).Select(queue => queue.Dequeue()));
        }

        return priority;
    }

    /// <summary>Alternates the heaviest buyers with a pseudo-random order of the others.</summary>
    private static IEnumerable<string> HeavyAndLight(List<string> customers, Dictionary<string, int> basketCounts)
    {
        var heaviestFirst = customers
            .OrderByDescending(customer => basketCounts[customer])
            .ThenBy(customer => customer, StringComparer.Ordinal)
            .ToList();
        var shuffled = customers
            .OrderBy(Fnv1aHash.Of)
            .ThenBy(customer => customer, StringComparer.Ordinal)
            .ToList();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < customers.Count; i++)
        {
            if (taken.Add(heaviestFirst[i]))
            {
                yield return heaviestFirst[i];
            }

            if (taken.Add(shuffled[i]))
            {
                yield return shuffled[i];
            }
        }
    }

    /// <summary>Samples made of the first customers of the priority order, measured.</summary>
    private sealed class SampleSearch
    {
        private readonly OnlineRetailData data;
        private readonly Dictionary<string, int> customerRanks = new(StringComparer.Ordinal);
        private readonly List<byte[]>[] basketLines;
        private readonly Dictionary<string, byte[]> catalogLines = new(StringComparer.Ordinal);

        /// <summary>Uncompressed event bytes of the first n customers, for n = 0 .. customer count.</summary>
        private readonly long[] eventBytesOfFirst;

        public SampleSearch(OnlineRetailData data, List<string> priority)
        {
            this.data = data;
            for (var rank = 0; rank < priority.Count; rank++)
            {
                customerRanks.Add(priority[rank], rank);
            }

            var eventBytesOfCustomer = new long[priority.Count];
            basketLines = new List<byte[]>[data.Baskets.Count];
            for (var i = 0; i < data.Baskets.Count; i++)
            {
                basketLines[i] = BasketEvents.ToEvents([data.Baskets[i]]).Select(NdjsonFile.Serialize).ToList();
                var rank = customerRanks[data.Baskets[i].CustomerId];
                eventBytesOfCustomer[rank] += basketLines[i].Sum(line => line.Length + 1L);
            }

            eventBytesOfFirst = new long[priority.Count + 1];
            for (var rank = 0; rank < priority.Count; rank++)
            {
                eventBytesOfFirst[rank + 1] = eventBytesOfFirst[rank] + eventBytesOfCustomer[rank];
            }

            foreach (var item in data.Catalog)
            {
                catalogLines.Add(item.Id, NdjsonFile.Serialize(item));
            }
        }

        public int CustomerCount => customerRanks.Count;

        /// <summary>A customer count between the two measured ones whose sample should weigh about
        /// <paramref name="aimBytes"/>, assuming compressed size grows linearly with uncompressed size.</summary>
        public int Interpolate(Measurement feasible, Measurement infeasible, long aimBytes)
        {
            var (low, high) = (eventBytesOfFirst[feasible.Customers], eventBytesOfFirst[infeasible.Customers]);
            var fraction = (double)(aimBytes - feasible.CompressedBytes)
                / (infeasible.CompressedBytes - feasible.CompressedBytes);
            var aimEventBytes = low + (long)(fraction * (high - low));
            var found = Array.BinarySearch(eventBytesOfFirst, aimEventBytes);
            var customers = found >= 0 ? found : ~found;
            return customers > feasible.Customers && customers < infeasible.Customers
                ? customers
                : (feasible.Customers + infeasible.Customers) / 2;
        }

        public Measurement Measure(int customers)
        {
            var included = Enumerable.Range(0, data.Baskets.Count)
                .Where(i => customerRanks[data.Baskets[i].CustomerId] < customers)
                .ToList();
            var items = included.SelectMany(i => data.Baskets[i].Lines)
                .Select(line => line.ItemId)
                .ToHashSet(StringComparer.Ordinal);
            var catalog = data.Catalog.Where(item => items.Contains(item.Id)).ToList();
            return new Measurement(
                customers,
                included.Select(i => data.Baskets[i]).ToList(),
                catalog,
                Compress(included.SelectMany(i => basketLines[i])),
                Compress(catalog.Select(item => catalogLines[item.Id])));
        }

        private static byte[] Compress(IEnumerable<byte[]> lines)
        {
            using var buffer = new MemoryStream();
            NdjsonFile.WriteLines(buffer, lines, gzip: true);
            return buffer.ToArray();
        }
    }

    private sealed record Measurement(
        int Customers, List<Basket> Baskets, List<ItemInfo> Catalog, byte[] EventsFile, byte[] CatalogFile)
    {
        public long CompressedBytes => EventsFile.Length + CatalogFile.Length;

        public OnlineRetailSample ToSample() => new(Baskets, Catalog, Customers, EventsFile, CatalogFile);
    }
}
