using Recsys.Client;
using Recsys.Grains.Interfaces;

namespace Recsys.Benchmarks;

/// <summary>The silo over HTTP on this machine, SQLite storage: events ingested per second (against
/// the same ingestion in the silo, without HTTP), and recommendation latency with more than 10,000
/// users loaded (against GET /healthz on the same server).</summary>
internal static class HttpBenchmark
{
    private const int Copies = 3; // the sample has ~4,300 users; three renamed copies make ~13,000

    public static async Task Run(string sampleFolder, int latencySamples, Report report)
    {
        await using var silo = await BenchmarkSilo.Start();
        using var http = new HttpClient();
        var client = new HttpRecsysClient(http, new RecsysClientOptions { BaseAddress = silo.Address, BatchSize = SampleLoad.BatchSize, Timeout = TimeSpan.FromMinutes(5) });

        await SampleLoad.Catalog(client, sampleFolder);
        var events = SampleLoad.ReadEvents(sampleFolder);

        var inSilo = await SampleLoad.InSilo(silo, SampleCopies.Of(events, 0));
        var overHttp = await SampleLoad.Track(Enumerable.Range(1, Copies - 1).SelectMany(copy => SampleCopies.Of(events, copy)), batch => client.Track(batch));
        report.Add("http", "events/s ingested in the silo, no HTTP (baseline)", inSilo, "events/s");
        report.Add("http", $"events/s ingested over HTTP ({SampleLoad.BatchSize} per request, {SampleLoad.ConcurrentBatches} concurrent)", overHttp, "events/s", overHttp / inSilo);

        var users = events.Select(e => e.UserId).Distinct().Order(StringComparer.Ordinal).ToList();
        var allUsers = Enumerable.Range(0, Copies).SelectMany(copy => users.Select(u => SampleCopies.Renamed(u, copy))).ToList();
        var random = new Random(7);
        var request = new RecommendationRequest { Count = 10, Location = "United Kingdom", At = new DateTimeOffset(2011, 11, 1, 12, 0, 0, TimeSpan.Zero) };
        Task Recommend(int _) => client.Recommend(allUsers[random.Next(allUsers.Count)], request);
        // Right after the load every grain writes its state behind: latency while that runs, then once
        // it has settled (user state is written within 5 s, the shared aggregates within 30 s).
        var whileWriting = await Measure.Latency(latencySamples, Recommend);
        await Task.Delay(TimeSpan.FromSeconds(40));
        var health = await Measure.Latency(latencySamples, _ => http.GetAsync(new Uri(silo.Address, "healthz")));
        // Five times the samples once settled: the p99 then rests on 100 requests, not 20.
        var settled = await Measure.Latency(5 * latencySamples, Recommend);
        var grainLatency = await Measure.Latency(5 * latencySamples, i => silo.Grains.GetGrain<IUserGrain>(allUsers[random.Next(allUsers.Count)]).Recommend(request));
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        const int allocationSamples = 500;
        for (var i = 0; i < allocationSamples; i++)
        {
            await silo.Grains.GetGrain<IUserGrain>(allUsers[random.Next(allUsers.Count)]).Recommend(request);
        }
        var bytesPerRecommendation = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)allocationSamples;
        report.Add("http", "GET /healthz p50 (baseline)", health.P50, "ms");
        report.Add("http", "GET /healthz p99", health.P99, "ms");
        report.Add("http", $"POST recommendations p50, {allUsers.Count:N0} users loaded", settled.P50, "ms", settled.P50 / health.P50);
        report.Add("http", $"POST recommendations p99, {allUsers.Count:N0} users loaded", settled.P99, "ms", settled.P99 / health.P99);
        report.Add("http", "recommendations in the silo (no HTTP) p50", grainLatency.P50, "ms", grainLatency.P50 / health.P50);
        report.Add("http", "recommendations in the silo (no HTTP) p99", grainLatency.P99, "ms", grainLatency.P99 / health.P99);
        report.Add("http", "bytes allocated per recommendation in the silo (whole process)", bytesPerRecommendation / 1024, "KiB");
        report.Add("http", "POST recommendations p50 while the load's state is written behind", whileWriting.P50, "ms", whileWriting.P50 / health.P50);
        report.Add("http", "POST recommendations p99 while the load's state is written behind", whileWriting.P99, "ms", whileWriting.P99 / health.P99);
    }
}
