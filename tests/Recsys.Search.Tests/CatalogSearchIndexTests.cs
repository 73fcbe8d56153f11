using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Recsys.Search;
using Recsys.Testing;

namespace Recsys.Search.Tests;

public sealed class CatalogSearchIndexTests : IDisposable
{
    private readonly CatalogSearchIndex _index = new();

    public CatalogSearchIndexTests() => _index.Upsert(
    [
        new SearchDocument("85123A", "WHITE HANGING HEART T-LIGHT HOLDER"),
        new SearchDocument("71053", "WHITE METAL LANTERN"),
        new SearchDocument("84406B", "CREAM CUPID HEARTS COAT HANGER"),
        new SearchDocument("22752", "SET 7 BABUSHKA NESTING BOXES"),
        new SearchDocument("21730", "GLASS STAR FROSTED T-LIGHT HOLDER", Description: "A lantern for the garden"),
        new SearchDocument("22633", "HAND WARMER UNION JACK", Category: "winter"),
    ]);

    public void Dispose() => _index.Dispose();

    private List<string> Ids(string query, bool typoTolerant = true) => [.. _index.Search(query, 10, typoTolerant).Select(hit => hit.ItemId)];

    [Fact]
    public void WordsMatchByTheirStem()
    {
        Assert.Equal(["84406B", "85123A"], Ids("hearts").Order(StringComparer.Ordinal));
        Assert.Equal(["85123A"], Ids("hanging heart holder").Take(1));
    }

    [Fact]
    public void MisspeltWordsMatchWithinOneOrTwoEditsOnlyWhenTolerated()
    {
        Assert.Equal("71053", Ids("lanturn").First());          // 7 letters: two edits allowed
        Assert.Equal("22752", Ids("babushak boxes").First());
        Assert.Empty(Ids("lanturn", typoTolerant: false));
        Assert.Empty(Ids("bxo"));                               // three letters: no edits
    }

    [Fact]
    public void ATitleMatchRanksAboveADescriptionOrCategoryMatch()
    {
        Assert.Equal(["71053", "21730"], Ids("lantern"));
        Assert.Equal(["22633"], Ids("winter"));
    }

    [Fact]
    public void AnUpsertReplacesTheItemUnderItsId()
    {
        _index.Upsert([new SearchDocument("71053", "RED ENAMEL JUG")]);

        Assert.Equal(6, _index.Count);
        Assert.Equal(["21730"], Ids("lantern"));
        Assert.Equal(["71053"], Ids("enamel jug"));
    }

    [Fact]
    public void QueriesWithoutWordsFindNothing()
    {
        Assert.Empty(Ids(""));
        Assert.Empty(Ids("the and of"));
        Assert.Empty(Ids("?!-"));
    }

    [Fact]
    public void LikeTitleOfFindsOtherItemsSharingTitleWords()
    {
        var like = _index.LikeTitleOf("85123A", 5).Select(hit => hit.ItemId).ToList();

        Assert.DoesNotContain("85123A", like);
        Assert.Equal("21730", like[0]);                          // "t-light holder"
        Assert.Contains("84406B", like);                         // "hearts"
        Assert.Empty(_index.LikeTitleOf("no-such-item", 5));
    }

    [Fact]
    public async Task SearchesRunWhileTheIndexIsUpdated()
    {
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                _index.Upsert([new SearchDocument($"new{i}", $"PAPER LANTERN NUMBER {i}")]);
            }
        });
        var searches = 0;
        do
        {
            Assert.Contains("71053", Ids("white metal lantern"));
            searches++;
        }
        while (!writer.IsCompleted || searches < 50);
        await writer;
        Assert.Equal(206, _index.Count);
    }

    /// <summary>The offline query set on the bundled catalog: typo tolerance must win back most of what typos lose.</summary>
    [Fact]
    public void OnTheBundledCatalogTypoToleranceFindsMisspeltQueries()
    {
        using var index = new CatalogSearchIndex();
        var catalog = BundledCatalog();
        index.Upsert(catalog);
        var queries = SearchQuerySet.FromCatalog(catalog, items: 300, seed: 7);
        SearchQuality Quality(bool typos, bool tolerant) => SearchQuality.Of(queries.Where(q => q.HasTypo == typos)
            .Select(q => (q, (IReadOnlyList<string>)[.. index.Search(q.Text, 10, tolerant).Select(hit => hit.ItemId)])));

        var clean = Quality(typos: false, tolerant: true);
        var misspeltExact = Quality(typos: true, tolerant: false);
        var misspeltTolerant = Quality(typos: true, tolerant: true);

        Assert.Equal(300, clean.Queries);
        Assert.True(clean.Ndcg10 > 0.8, $"clean NDCG@10 {clean.Ndcg10:F3}");
        Assert.True(misspeltTolerant.Ndcg10 > misspeltExact.Ndcg10 + 0.2, $"typos: {misspeltTolerant.Ndcg10:F3} tolerant, {misspeltExact.Ndcg10:F3} exact");
        Assert.True(misspeltTolerant.Ndcg10 > 0.6, $"typos, tolerant: NDCG@10 {misspeltTolerant.Ndcg10:F3}");
    }

    [Fact]
    public void TheQuerySetIsReproducibleAndItsRelevantItemsHoldEveryWord()
    {
        var catalog = BundledCatalog();
        var queries = SearchQuerySet.FromCatalog(catalog, items: 50, seed: 3);

        Assert.Equal(queries, SearchQuerySet.FromCatalog(catalog, items: 50, seed: 3), new QueryComparer());
        // Relevance checked another way than the builder's: each word as a whole word of the raw title, by regex.
        foreach (var query in queries.Where(q => !q.HasTypo))
        {
            var words = query.Text.Split(' ');
            Assert.Equal(2, words.Length);
            var holdingBoth = catalog.Where(item => words.All(word =>
                    Regex.IsMatch(item.Title, $@"(?<![\p{{L}}\p{{Nd}}]){Regex.Escape(word)}(?![\p{{L}}\p{{Nd}}])", RegexOptions.IgnoreCase)))
                .Select(item => item.ItemId);
            Assert.Equal(holdingBoth.Order(StringComparer.Ordinal), query.Relevant.Order(StringComparer.Ordinal));
        }
        Assert.All(queries.Where(q => q.HasTypo), q => Assert.DoesNotContain(q.Text, queries.Where(c => !c.HasTypo).Select(c => c.Text)));
    }

    internal static List<SearchDocument> BundledCatalog()
    {
        using var file = new GZipStream(File.OpenRead(RepositoryFolder.File("data", "sample", "catalog.ndjson.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(file);
        var items = new List<SearchDocument>();
        while (reader.ReadLine() is { } line)
        {
            var item = JsonDocument.Parse(line).RootElement;
            items.Add(new SearchDocument(item.GetProperty("id").GetString()!, item.GetProperty("title").GetString()!));
        }
        return items;
    }

    private sealed class QueryComparer : IEqualityComparer<SearchQuery>
    {
        public bool Equals(SearchQuery? x, SearchQuery? y) =>
            x!.Text == y!.Text && x.SourceItemId == y.SourceItemId && x.HasTypo == y.HasTypo && x.Relevant.SetEquals(y.Relevant);

        public int GetHashCode(SearchQuery query) => query.Text.GetHashCode();
    }
}
