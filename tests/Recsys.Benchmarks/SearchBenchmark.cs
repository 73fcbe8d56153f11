using Recsys.Client;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Search;
using Recsys.Model.Data;
using Recsys.Model.Recommender;
using Recsys.Model.Tensors;
using Recsys.Search;
using Recsys.Serving;

namespace Recsys.Benchmarks;

/// <summary>Search quality on the offline query set of the bundled catalog (<see cref="SearchQuerySet"/>: 500 items'
/// titles, each query as written and with a typo), keyword matching exact and typo-tolerant, in the index the silo
/// uses; keyword, semantic (the served model's text vectors) and hybrid (both fused by rank); then search latency over HTTP against GET /healthz on the same server.</summary>
internal static class SearchBenchmark
{
    private const int QueryItems = 500;

    /// <summary>Weights of the semantic list beside keyword's 1 in the hybrid rows; the silo's default first.</summary>
    private static readonly double[] SemanticWeights = [new SearchOptions().SemanticWeight, 0.25, 1];

    /// <param name="modelDirectory">The model whose vectors the semantic and hybrid rows use (the model group's,
    /// trained there first when missing).</param>
    public static async Task Run(string sampleFolder, string modelDirectory, int latencySamples, Report report)
    {
        var catalog = ProjectFiles.ReadCatalog(Path.Combine(sampleFolder, ProjectFiles.CatalogFileName)).ToList();
        var documents = catalog.Select(item => new SearchDocument(item.Id, item.Title, item.Description, item.Category)).ToList();
        using (var index = new CatalogSearchIndex())
        {
            index.Upsert(documents);
            var queries = SearchQuerySet.FromCatalog(documents, QueryItems, seed: 7);
            foreach (var (typos, written) in new[] { (false, "as written"), (true, "with a typo") })
            {
                foreach (var (tolerant, mode) in new[] { (false, "keyword, exact words"), (true, "keyword, typo-tolerant") })
                {
                    var quality = SearchQuality.Of(queries.Where(q => q.HasTypo == typos)
                        .Select(q => (q, (IReadOnlyList<string>)[.. index.Search(q.Text, 10, tolerant).Select(hit => hit.ItemId)])));
                    report.Add("search", $"NDCG@10, {QueryItems} queries {written}, {mode}", quality.Ndcg10, "");
                    report.Add("search", $"MRR, {QueryItems} queries {written}, {mode}", quality.Mrr, "");
                    report.Add("search", $"source item in top 10, {QueryItems} queries {written}, {mode}", quality.SourceHitRate10, "");
                }
            }

            ModelBenchmark.EnsureModel(sampleFolder, modelDirectory, retrain: false);
            using var model = ServedRecommender.Load(modelDirectory, ComputeDevice.Cpu);
            var vectors = new CatalogVectors(model);
            // No silo: the items the snapshot lacks are encoded from their titles.
            await vectors.Cover(catalog.ToDictionary(item => item.Id, item => item.Title), _ => Task.FromResult<ItemVectors?>(null));
            foreach (var (typos, written) in new[] { (false, "as written"), (true, "with a typo") })
            {
                // As the silo searches without a user: the best 10 of each list, fused by rank.
                var asked = queries.Where(q => q.HasTypo == typos)
                    .Select(q => (Query: q, Keyword: (IReadOnlyList<string>)[.. index.Search(q.Text, 10).Select(hit => hit.ItemId)],
                        Semantic: (IReadOnlyList<string>)[.. vectors.Text.Nearest(model.TextVectors([q.Text]), 10).Select(match => match.ItemId)]))
                    .ToList();
                var rows = new List<(string Mode, SearchQuality Quality)>
                {
                    ("keyword (typo-tolerant)", SearchQuality.Of(asked.Select(a => (a.Query, a.Keyword)))),
                    ("semantic (model text vectors)", SearchQuality.Of(asked.Select(a => (a.Query, a.Semantic)))),
                };
                rows.AddRange(SemanticWeights.Select(weight => ($"hybrid, semantic weight {weight:0.##}", SearchQuality.Of(asked.Select(a =>
                    (a.Query, (IReadOnlyList<string>)[.. HybridRanking.Fuse((a.Keyword, 1), (a.Semantic, weight)).Take(10).Select(fused => fused.ItemId)]))))));
                foreach (var (mode, quality) in rows)
                {
                    report.Add("search modes", $"NDCG@10, {QueryItems} queries {written}, {mode}", quality.Ndcg10, "");
                    report.Add("search modes", $"MRR, {QueryItems} queries {written}, {mode}", quality.Mrr, "");
                }
            }
        }

        await using var silo = await BenchmarkSilo.Start();
        using var http = new HttpClient();
        var client = new HttpRecsysClient(http, new RecsysClientOptions { BaseAddress = silo.Address, Timeout = TimeSpan.FromMinutes(5) });
        await client.UpsertItems(catalog);
        var latencyQueries = SearchQuerySet.FromCatalog(documents, latencySamples, seed: 11);
        var health = await Measure.Latency(latencySamples, _ => http.GetAsync(new Uri(silo.Address, "healthz")));
        var search = await Measure.Latency(latencySamples, i => client.Search(new SearchRequest { Query = latencyQueries[i % latencyQueries.Count].Text }));
        report.Add("search", "GET /healthz p50 (baseline)", health.P50, "ms");
        report.Add("search", $"GET /v1/search p50 ({catalog.Count:N0} items, typo-tolerant)", search.P50, "ms", search.P50 / health.P50);
        report.Add("search", "GET /v1/search p99", search.P99, "ms", search.P99 / health.P99);
    }
}
