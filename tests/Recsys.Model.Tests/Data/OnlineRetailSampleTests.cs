using Recsys.Model.Data;
using Recsys.Model.Tests.Support;

namespace Recsys.Model.Tests.Data;

public sealed class OnlineRetailSampleTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Takes_whole_customers_of_every_country_heavy_and_light_within_the_budget()
    {
        var data = SyntheticData();
        var everything = OnlineRetailSample.Build(data, new SampleOptions { MaxBytes = long.MaxValue });
        var budget = everything.CompressedBytes / 2;

        var sample = OnlineRetailSample.Build(data, new SampleOptions { MaxBytes = budget });
        var again = OnlineRetailSample.Build(data, new SampleOptions { MaxBytes = budget });

        Assert.Equal(data.Baskets.Count, everything.Baskets.Count);
        Assert.InRange(sample.CompressedBytes, 1, budget);
        Assert.Equal(["Austria", "France", "United Kingdom"], sample.Countries);
        var basketsPerCustomer = sample.Baskets.CountBy(basket => basket.CustomerId).ToDictionary();
        Assert.All(basketsPerCustomer, pair => Assert.Equal(int.Parse(pair.Key[1..]) % 7 + 1, pair.Value));
        Assert.Contains(basketsPerCustomer.Values, count => count == 7);
        Assert.Contains(basketsPerCustomer.Values, count => count <= 2);
        Assert.Equal(sample.Baskets.Select(basket => basket.Id), again.Baskets.Select(basket => basket.Id));
        Assert.Equal(
            sample.Baskets.SelectMany(basket => basket.Lines)
                .Select(line => line.ItemId)
                .Distinct()
                .Order(StringComparer.Ordinal),
            sample.Catalog.Select(item => item.Id));
    }

    [Fact]
    public void Writes_the_measured_files()
    {
        var sample = OnlineRetailSample.Build(SyntheticData(), new SampleOptions { MaxBytes = 3_000 });

        var (eventsPath, catalogPath) = sample.Write(folder.Path);

        Assert.Equal(sample.CompressedBytes, new FileInfo(eventsPath).Length + new FileInfo(catalogPath).Length);
        Assert.Equal(sample.Baskets.Sum(basket => basket.Lines.Count), ProjectFiles.ReadEvents(eventsPath).Count());
        Assert.Equal(sample.Catalog, ProjectFiles.ReadCatalog(catalogPath));
    }

    /// <summary>Customer c{n} buys n % 7 + 1 baskets of 5 pseudo-random items among 200; one customer in
    /// France and Austria each per ten.</summary>
    private static OnlineRetailData SyntheticData()
    {
        var random = new Random(7);
        var start = new DateTimeOffset(2011, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var assembler = new BasketAssembler();
        var catalog = new CatalogBuilder();
        for (var customer = 0; customer < 300; customer++)
        {
            var country = (customer % 10) switch { 3 => "France", 7 => "Austria", _ => "United Kingdom" };
            for (var basket = 0; basket <= customer % 7; basket++)
            {
                foreach (var item in Enumerable.Range(0, 5).Select(_ => $"{random.Next(200):00000}"))
                {
                    var time = start.AddHours(random.Next(5000));
                    assembler.Add($"{customer}-{basket}", time, $"c{customer}", country, item, 1, 2.5);
                    catalog.Add(item, $"ITEM {item}", 2.5);
                }
            }
        }

        var baskets = assembler.Build();
        return new OnlineRetailData
        {
            Baskets = baskets,
            Catalog = catalog.Build(),
            Stats = new ImportStats(0, 0, 0, 0, assembler.LineCount, baskets.Count),
            Issues = [],
        };
    }
}
