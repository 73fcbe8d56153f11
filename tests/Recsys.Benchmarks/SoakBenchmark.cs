using System.Diagnostics;
using Recsys.Client;
using Recsys.Grains.Interfaces;
using Recsys.Model.Data;

namespace Recsys.Benchmarks;

/// <summary>A long mixed load over HTTP (opt-in: <c>make bench ARGS="soak 30"</c> for 30 minutes): the bundled sample
/// replayed again and again under new user ids, so that users only ever arrive, with recommendations asked all
/// along; users idle for Recsys:Runtime:CollectionAge (2 minutes here) leave memory. The resident set and the
/// managed heap are sampled every 30 s and reported (the last against the one a third of the way in), not judged:
/// with idle users leaving, the curve should flatten, which the reader checks.</summary>
internal static class SoakBenchmark
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(30);

    /// <exception cref="ArgumentOutOfRangeException">The run is shorter than one sample.</exception>
    public static async Task Run(string sampleFolder, TimeSpan duration, Report report)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, SampleEvery);
        var catalog = ProjectFiles.ReadCatalog(Path.Combine(sampleFolder, ProjectFiles.CatalogFileName)).ToList();
        var events = ProjectFiles.ReadEvents(Path.Combine(sampleFolder, ProjectFiles.EventsFileName)).ToList();
        var sampleUsers = events.Select(e => e.UserId).Distinct().ToArray();
        await using var silo = await BenchmarkSilo.Start(new Dictionary<string, string?> { ["Recsys:Runtime:CollectionAge"] = "00:02:00" });
        using var http = new HttpClient();
        var client = new HttpRecsysClient(http, new RecsysClientOptions { BaseAddress = silo.Address, Timeout = TimeSpan.FromMinutes(5) });
        await client.UpsertItems(catalog);

        using var stop = new CancellationTokenSource(duration);
        long ingested = 0, recommended = 0, copies = 0;
        var ingesting = Task.Run(async () =>
        {
            for (var copy = 0; !stop.IsCancellationRequested; copy++)
            {
                foreach (var batch in SampleCopies.Of(events, copy).Chunk(1000))
                {
                    if (stop.IsCancellationRequested)
                    {
                        return;
                    }
                    await client.Track(batch);
                    Interlocked.Add(ref ingested, batch.Length);
                }
                Interlocked.Increment(ref copies);
            }
        });
        var recommending = Task.Run(async () =>
        {
            var random = new Random(3);
            var request = new RecommendationRequest { Count = 10 };
            while (!stop.IsCancellationRequested)
            {
                var copy = (int)Math.Max(0, Interlocked.Read(ref copies) - 1);
                await client.Recommend(SampleCopies.Renamed(sampleUsers[random.Next(sampleUsers.Length)], copy), request);
                Interlocked.Increment(ref recommended);
            }
        });

        var clock = Stopwatch.StartNew();
        var curve = new List<(TimeSpan At, double Resident, double Heap)>();
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(SampleEvery, CancellationToken.None);
            var (heap, resident) = MemoryBenchmark.Measure();
            curve.Add((clock.Elapsed, resident, heap));
            Console.WriteLine($"[soak] {clock.Elapsed:hh\\:mm\\:ss} resident {resident / 1048576:0} MB, managed heap {heap / 1048576:0} MB, "
                + $"{Interlocked.Read(ref ingested):N0} events ({Interlocked.Read(ref copies)} copies of the sample), {Interlocked.Read(ref recommended):N0} recommendations");
        }
        await Task.WhenAll(ingesting, recommending);

        var third = curve[Math.Max(0, curve.Count / 3 - 1)];
        var last = curve[^1];
        report.Add("soak", $"resident set at {third.At.TotalMinutes:0} min (baseline)", third.Resident / 1048576, "MB");
        report.Add("soak", $"resident set at {last.At.TotalMinutes:0} min", last.Resident / 1048576, "MB", last.Resident / third.Resident);
        report.Add("soak", $"managed heap at {third.At.TotalMinutes:0} min (baseline)", third.Heap / 1048576, "MB");
        report.Add("soak", $"managed heap at {last.At.TotalMinutes:0} min", last.Heap / 1048576, "MB", last.Heap / third.Heap);
        report.Add("soak", "events ingested over HTTP", ingested, "events");
        report.Add("soak", "recommendations over HTTP", recommended, "requests");
    }
}
