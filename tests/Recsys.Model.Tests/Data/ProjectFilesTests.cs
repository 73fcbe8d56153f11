using System.IO.Compression;
using Recsys.Grains.Interfaces;
using Recsys.Model.Data;
using Recsys.Model.Tests.Support;

namespace Recsys.Model.Tests.Data;

public sealed class ProjectFilesTests : IDisposable
{
    private static readonly UserEvent Purchase = new()
    {
        EventId = "536365:85123A",
        UserId = "17850",
        ItemId = "85123A",
        Type = EventType.Purchase,
        Timestamp = new DateTimeOffset(2010, 12, 1, 8, 26, 0, TimeSpan.Zero),
        Quantity = 6,
        Price = 2.55,
        BasketId = "536365",
        Location = "United Kingdom",
    };

    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("events.ndjson")]
    [InlineData("events.ndjson.gz")]
    public void Events_round_trip(string name)
    {
        var path = folder.File(name);
        UserEvent[] events =
            [Purchase, Purchase with { EventId = "v1", Type = EventType.View, Price = null, BasketId = null }];

        Assert.Equal(2, ProjectFiles.WriteEvents(path, events));

        Assert.Equal(events, ProjectFiles.ReadEvents(path));
        Assert.Equal(name.EndsWith(".gz"), IsGzip(path));
    }

    [Theory]
    [InlineData("catalog.ndjson")]
    [InlineData("catalog.ndjson.gz")]
    public void Catalog_round_trips(string name)
    {
        var path = folder.File(name);
        ItemInfo[] items =
            [new() { Id = "85123A", Title = "HEART", Price = 2.55 }, new() { Id = "71053", Title = "LANTERN" }];

        ProjectFiles.WriteCatalog(path, items);

        Assert.Equal(items, ProjectFiles.ReadCatalog(path));
        Assert.Equal(name.EndsWith(".gz"), IsGzip(path));
    }

    [Fact]
    public void Writes_camel_case_json_lines_without_nulls()
    {
        var path = folder.File("events.ndjson");

        ProjectFiles.WriteEvents(path, [Purchase]);

        Assert.Equal(
            """{"eventId":"536365:85123A","userId":"17850","itemId":"85123A","type":"purchase","timestamp":"2010-12-01T08:26:00+00:00","quantity":6,"price":2.55,"basketId":"536365","location":"United Kingdom"}""" + "\n",
            File.ReadAllText(path));
    }

    [Theory]
    [InlineData("{\"eventId\":\"e\"", "")]
    [InlineData("""{"eventId":"e","itemId":"i","type":"purchase","timestamp":"2011-01-01T00:00:00Z"}""", "userId")]
    [InlineData("""{"eventId":"e","userId":null,"itemId":"i","type":"purchase","timestamp":"2011-01-01T00:00:00Z"}""", "userId")]
    [InlineData("""{"eventId":"e","userId":" ","itemId":"i","type":"purchase","timestamp":"2011-01-01T00:00:00Z"}""", "userId is required")]
    [InlineData("""{"eventId":"e","userId":"u","itemId":"i","type":"teleport","timestamp":"2011-01-01T00:00:00Z"}""", "")]
    [InlineData("""{"eventId":"e","userId":"u","itemId":"i","type":7,"timestamp":"2011-01-01T00:00:00Z"}""", "")]
    [InlineData("""{"eventId":"e","userId":"u","itemId":"i","type":"view","timestamp":"2011-01-01T00:00:00"}""", "")]
    [InlineData("""{"eventId":"e","userId":"u","itemId":"i","type":"view","timestamp":"2011-01-01T00:00:00Z","quantity":0}""", "quantity must be between 1 and")]
    [InlineData("""{"eventId":"e","userId":"u","itemId":"i","type":"view","timestamp":"2011-01-01T00:00:00Z","price":-1}""", "price must be a finite number")]
    [InlineData("""{"eventId":"e","userId":"u","itemId":"i","type":"view","timestamp":"2011-01-01T00:00:00Z","price":"NaN"}""", "")]
    [InlineData("null", "expected an object")]
    public void Reports_the_line_of_an_invalid_event(string badLine, string problem)
    {
        var path = folder.Write("events.ndjson", """{"eventId":"ok","userId":"u","itemId":"i","type":"view","timestamp":"2011-01-01T00:00:00Z"}"""
            + "\n\n" + badLine + "\n");

        var error = Assert.Throws<DataFormatException>(() => ProjectFiles.ReadEvents(path).ToList());

        Assert.Equal((path, 3L), (error.File, error.Line));
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void Reports_the_line_of_an_invalid_catalog_item()
    {
        var path = folder.Write("catalog.ndjson", """{"id":"A","title":"ok"}""" + "\n" + """{"id":"B","title":""}""" + "\n");

        var error = Assert.Throws<DataFormatException>(() => ProjectFiles.ReadCatalog(path).ToList());

        Assert.Equal($"{path}:2: title is required.", error.Message);
    }

    private static bool IsGzip(string path)
    {
        using var file = File.OpenRead(path);
        return file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
    }
}
