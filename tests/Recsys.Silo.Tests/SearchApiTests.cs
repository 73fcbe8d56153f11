using Recsys.Client;
using Recsys.Grains.Interfaces;

namespace Recsys.Silo.Tests;

/// <summary>Search and similar items over both transports. Titles carry a word of each test's own, so that tests
/// sharing the silo do not find each other's items.</summary>
public sealed class SearchApiTests(SiloFixture fixture) : SiloTests(fixture)
{
    /// <summary>A word of letters only, unlike any other test's: hex digits map to a–f and t–z, never q.</summary>
    private static string Word() => new([.. Guid.NewGuid().ToString("N").Select(c => (char)('a' + c % 26)).Take(12)]);

    [Theory]
    [InlineData(RecsysTransport.Http)]
    [InlineData(RecsysTransport.Orleans)]
    public async Task Upserted_items_are_found_by_stem_and_despite_a_typo(RecsysTransport transport)
    {
        await using var host = await Silo.ClientFor(transport);
        var word = Word();
        var kettle = Sample.Item(Sample.Id("item"), $"Red enamel kettles {word}");
        var teapot = Sample.Item(Sample.Id("item"), $"Blue teapot {word}");
        await host.Client.UpsertItems([kettle, teapot]);

        var byStem = await host.Client.SearchUntil(new SearchRequest { Query = $"kettle {word}" }, r => r.Items.Count(i => i.ItemId == kettle.Id || i.ItemId == teapot.Id) == 2);
        var misspelt = word[..4] + "q" + word[5..]; // one letter replaced: q is never in the word
        var withTypo = await host.Client.Search(new SearchRequest { Query = misspelt });
        var strict = await host.Client.Search(new SearchRequest { Query = misspelt, TypoTolerant = false });

        Assert.Equal(kettle.Id, byStem.Items[0].ItemId);
        Assert.Contains(teapot.Id, byStem.Items.Select(i => i.ItemId)); // among other tests' kettles, which share the silo
        Assert.Equal(kettle.Title, byStem.Items[0].Title);
        Assert.Equal("matches the search", byStem.Items[0].Reason);
        Assert.Equal("keyword-bm25/1", byStem.Strategy);
        Assert.Equal(new[] { kettle.Id, teapot.Id }.Order(StringComparer.Ordinal), withTypo.Items.Select(i => i.ItemId).Order(StringComparer.Ordinal));
        Assert.Empty(strict.Items);
    }

    [Theory]
    [InlineData(RecsysTransport.Http)]
    [InlineData(RecsysTransport.Orleans)]
    public async Task A_users_own_purchases_come_first_among_matches(RecsysTransport transport)
    {
        await using var host = await Silo.ClientFor(transport);
        var word = Word();
        var items = Enumerable.Range(0, 3).Select(i => Sample.Item(Sample.Id("item"), $"Mug {word} number{i}")).ToList();
        await host.Client.UpsertItems(items);
        var user = Sample.Id("u");
        await host.Client.Track([Sample.Event(user, items[2].Id, EventType.Purchase)]);

        await host.Client.SearchUntil(new SearchRequest { Query = word }, r => r.Items.Count == 3);
        var personal = await host.Client.Search(new SearchRequest { Query = word, UserId = user, At = DateTimeOffset.UtcNow.AddMinutes(1) });

        Assert.Equal(items[2].Id, personal.Items[0].ItemId);
        Assert.Equal("matches the search; you bought it before", personal.Items[0].Reason);
        Assert.Equal("keyword-bm25+personal/1", personal.Strategy);
        Assert.Equal(3, personal.Items.Count);
    }

    [Theory]
    [InlineData(RecsysTransport.Http)]
    [InlineData(RecsysTransport.Orleans)]
    public async Task Similar_items_are_those_bought_together_then_those_titled_alike(RecsysTransport transport)
    {
        await using var host = await Silo.ClientFor(transport);
        var word = Word();
        var lamp = Sample.Item(Sample.Id("item"), $"Desk lamp {word}");
        var bulb = Sample.Item(Sample.Id("item"), "Light bulb");
        var otherLamp = Sample.Item(Sample.Id("item"), $"Floor lamp {word}");
        await host.Client.UpsertItems([lamp, bulb, otherLamp]);
        var user = Sample.Id("u");
        await host.Client.Track(new[] { lamp, bulb }.Select(item => Sample.Event(user, item.Id, EventType.Purchase) with { BasketId = "b1" }));
        await host.Client.SearchUntil(new SearchRequest { Query = word }, r => r.Items.Count == 2);

        var similar = await host.Client.Similar(lamp.Id, 5);

        Assert.Equal(bulb.Id, similar.Items[0].ItemId);
        Assert.Equal($"often bought with {lamp.Title}", similar.Items[0].Reason);
        var alike = similar.Items.Single(i => i.ItemId == otherLamp.Id); // among other tests' lamps, which share the silo
        Assert.Equal($"a title like {lamp.Title}'s", alike.Reason);
        Assert.True(similar.Items[0].Score > alike.Score);
        await Assert.ThrowsAsync<RecsysNotFoundException>(() => host.Client.Similar(Sample.Id("nothing")));
    }

    [Theory]
    [InlineData("/v1/search", "q")]
    [InlineData("/v1/search?q=", "q")]
    [InlineData("/v1/search?q=mug&k=0", "k")]
    [InlineData("/v1/search?q=mug&k=101", "k")]
    [InlineData("/v1/search?q=mug&k=ten", "k")]
    [InlineData("/v1/search?q=mug&typos=maybe", "typos")]
    [InlineData("/v1/search?q=mug&userId=a%2Fb", "userId")]
    [InlineData("/v1/search?q=mu%07g", "q")]
    [InlineData("/v1/search?q=mug&at=yesterday", "at")]
    [InlineData("/v1/search?q=mug&at=2011-01-01T00:00:00", "at")]
    [InlineData("/v1/search?q=mug&at=1980-01-01T00:00:00Z", "at")]
    [InlineData("/v1/items/lamp/similar?k=0", "k")]
    [InlineData("/v1/items/lamp/similar?k=x", "k")]
    public async Task Bad_parameters_are_refused_by_name(string path, string field)
    {
        var problem = await Problem.Read(await Silo.Http.GetAsync(path), 400);

        problem.HasField(field);
    }

    [Fact]
    public async Task A_query_longer_than_the_limit_is_refused()
    {
        var problem = await Problem.Read(await Silo.Http.GetAsync("/v1/search?q=" + new string('a', SearchRequest.MaxQueryLength + 1)), 400);

        problem.HasField("q");
    }
}
