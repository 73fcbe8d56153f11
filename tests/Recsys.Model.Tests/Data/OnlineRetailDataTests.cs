using Recsys.Model.Data;
using Recsys.Model.Evaluation;
using Recsys.Model.Tests.Support;

namespace Recsys.Model.Tests.Data;

/// <summary>The shared Online Retail data through the project's own files and the sample.</summary>
[Collection(OnlineRetailCollection.Name)]
public sealed class OnlineRetailDataTests(OnlineRetailFixture fixture) : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [SkippableFact]
    public void The_event_file_gives_back_the_same_baskets()
    {
        var data = fixture.Data;
        var path = folder.File(ProjectFiles.EventsFileName);

        ProjectFiles.WriteEvents(path, BasketEvents.ToEvents(data.Baskets));
        var baskets = BasketEvents.ToBaskets(ProjectFiles.ReadEvents(path));

        Assert.Equal(data.Baskets.Count, baskets.Count);
        for (var i = 0; i < baskets.Count; i++)
        {
            Assert.Equal(data.Baskets[i] with { Lines = [] }, baskets[i] with { Lines = [] });
            Assert.Equal(data.Baskets[i].Lines, baskets[i].Lines);
        }
    }

    [SkippableFact]
    public void The_catalog_gives_every_item_its_most_frequent_description_and_median_price()
    {
        var catalog = fixture.Data.Catalog.ToDictionary(item => item.Id);

        Assert.Equal(3_607, catalog.Count);
        Assert.Equal(("WHITE HANGING HEART T-LIGHT HOLDER", 2.95), (catalog["85123A"].Title, catalog["85123A"].Price));
    }

    [SkippableFact]
    public void The_sample_fits_four_megabytes_with_every_country()
    {
        var data = fixture.Data;

        var sample = OnlineRetailSample.Build(data);
        var (eventsPath, catalogPath) = sample.Write(folder.Path);

        Assert.InRange(new FileInfo(eventsPath).Length + new FileInfo(catalogPath).Length, 1, 4_000_000);
        var countries = data.Baskets.Select(basket => basket.Country!).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(countries, sample.Countries);
        var sampled = BasketEvents.ToBaskets(ProjectFiles.ReadEvents(eventsPath));
        Assert.Equal(sample.Baskets.Select(basket => basket.Id), sampled.Select(basket => basket.Id));
        Assert.Equal(sample.Catalog, ProjectFiles.ReadCatalog(catalogPath));
        var model = BaselineModel.Fit(sampled.Where(basket => basket.Time < OfflineEvaluator.DevCutoff));
        var at = OfflineEvaluator.DevCutoff;
        var countryLists = sample.Countries
            .Select(country => new RecommendationQuery("demo", country, at, at))
            .Select(query => string.Join(' ', model.PopularInCountry(query, 10)))
            .ToList();
        Assert.Equal(countryLists.Count, countryLists.Distinct().Count());
    }
}
