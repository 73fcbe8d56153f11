using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Recsys.Search;

/// <summary>Keyword search over catalog titles: a Lucene BM25 index in memory. A query word matches a title
/// word by its English stem ("hearts" finds "heart"), or, being misspelt, within one edit (two for words of seven
/// letters or more) of a title word as written; descriptions and categories count too, less. Thread-safe: searches
/// run concurrently with one another and with <see cref="Upsert"/>, each on the index as of its start.</summary>
public sealed class CatalogSearchIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string IdField = "id";
    private const string TitleField = "title";
    private const string PlainTitleField = "title_plain";
    private const string BodyField = "body";
    private const float BodyBoost = 0.3f;
    private const float TypoBoost = 0.6f;
    private const int ShortestWordWithTypos = 4;
    private const int ShortestWordWithTwoTypos = 7;

    private readonly Analyzer _stemming = new EnglishAnalyzer(Version);
    private readonly Analyzer _plain = new StandardAnalyzer(Version);
    private readonly Analyzer _perField;
    private readonly Lucene.Net.Store.Directory _directory = new RAMDirectory();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly System.Threading.Lock _writing = new();

    public CatalogSearchIndex()
    {
        _perField = new PerFieldAnalyzerWrapper(_stemming, new Dictionary<string, Analyzer> { [PlainTitleField] = _plain });
        _writer = new IndexWriter(_directory, new IndexWriterConfig(Version, _perField) { Similarity = new BM25Similarity() });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25Searchers());
    }

    /// <summary>Items indexed.</summary>
    public int Count
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <summary>Adds items, or replaces those already indexed under the same id; searches see them on return.</summary>
    public void Upsert(IEnumerable<SearchDocument> documents)
    {
        lock (_writing)
        {
            foreach (var document in documents)
            {
                _writer.UpdateDocument(new Term(IdField, document.ItemId), ToLucene(document));
            }
            // No commit: the searchers read the writer itself (near-real-time), and the index lives in memory only.
            _searchers.MaybeRefreshBlocking();
        }
    }

    /// <summary>The best matches for the words of <paramref name="query"/>, best first (BM25 score; ties by id among
    /// the hits Lucene keeps, which at the cut are the first indexed).</summary>
    /// <param name="typoTolerant">Match misspelt words too (within one or two edits).</param>
    public IReadOnlyList<SearchHit> Search(string query, int count, bool typoTolerant = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return Run(WordsQuery(query, typoTolerant), count, excludedId: null);
    }

    /// <summary>Items whose titles share the most (rare) words with <paramref name="itemId"/>'s, best first; empty
    /// when the item is not indexed.</summary>
    public IReadOnlyList<SearchHit> LikeTitleOf(string itemId, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var searcher = _searchers.Acquire();
        string? title;
        try
        {
            var found = searcher.Search(new TermQuery(new Term(IdField, itemId)), 1);
            title = found.TotalHits == 0 ? null : searcher.Doc(found.ScoreDocs[0].Doc).Get(TitleField);
        }
        finally
        {
            _searchers.Release(searcher);
        }
        return title is null ? [] : Run(WordsQuery(title, typoTolerant: false), count, excludedId: itemId);
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _perField.Dispose();
        _stemming.Dispose();
        _plain.Dispose();
    }

    private IReadOnlyList<SearchHit> Run(Query? query, int count, string? excludedId)
    {
        if (query is null)
        {
            return [];
        }
        var searcher = _searchers.Acquire();
        try
        {
            var wanted = excludedId is null ? count : count + 1;
            return searcher.Search(query, wanted).ScoreDocs
                .Select(hit => searcher.Doc(hit.Doc) is var document ? new SearchHit(document.Get(IdField), document.Get(TitleField), hit.Score) : null!)
                .Where(hit => hit.ItemId != excludedId)
                .OrderByDescending(hit => hit.Score).ThenBy(hit => hit.ItemId, StringComparer.Ordinal)
                .Take(count)
                .ToList();
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>One clause per word: the best of its stem in the title, its stem in the body, and (when
    /// <paramref name="typoTolerant"/>) the word as written within an edit or two of a title word; null without words.</summary>
    private Query? WordsQuery(string text, bool typoTolerant)
    {
        var query = new BooleanQuery();
        foreach (var word in Tokens(_plain, PlainTitleField, text).Distinct(StringComparer.Ordinal))
        {
            var alternatives = new DisjunctionMaxQuery(0f);
            foreach (var stem in Tokens(_stemming, TitleField, word))
            {
                alternatives.Add(new TermQuery(new Term(TitleField, stem)));
                alternatives.Add(new TermQuery(new Term(BodyField, stem)) { Boost = BodyBoost });
            }
            if (typoTolerant && word.Length >= ShortestWordWithTypos)
            {
                var edits = word.Length >= ShortestWordWithTwoTypos ? 2 : 1;
                alternatives.Add(new FuzzyQuery(new Term(PlainTitleField, word), edits, prefixLength: 1) { Boost = TypoBoost });
            }
            if (alternatives.Disjuncts.Count > 0)
            {
                query.Add(alternatives, Occur.SHOULD);
            }
        }
        return query.Clauses.Count == 0 ? null : query;
    }

    private static List<string> Tokens(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }
        stream.End();
        return tokens;
    }

    private static Document ToLucene(SearchDocument item)
    {
        var body = string.Join(' ', new[] { item.Description, item.Category }.Where(part => !string.IsNullOrWhiteSpace(part)));
        return
        [
            new StringField(IdField, item.ItemId, Field.Store.YES),
            new TextField(TitleField, item.Title, Field.Store.YES),
            new TextField(PlainTitleField, item.Title, Field.Store.NO),
            new TextField(BodyField, body, Field.Store.NO),
        ];
    }

    private sealed class Bm25Searchers : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}

/// <summary>A catalog item as the index reads it.</summary>
public sealed record SearchDocument(string ItemId, string Title, string? Description = null, string? Category = null);

/// <summary>An item matching a query, its title, and its BM25 score (larger is better; comparable within one query
/// only).</summary>
public sealed record SearchHit(string ItemId, string Title, double Score);
