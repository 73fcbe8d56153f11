using System.Diagnostics;
using Recsys.Grains.Interfaces;
using Recsys.Model.Data;

namespace Recsys.Benchmarks;

/// <summary>What the silo keeps in memory for its users: the bundled sample ingested in the silo, the managed heap
/// after full collections (against the heap before, with the events already read into the benchmark's own list),
/// per active user and per ingested event; then once every idle activation is deactivated.</summary>
internal static class MemoryBenchmark
{
    private const int BatchSize = 1000;

    public static async Task Run(string sampleFolder, Report report)
    {
        var events = ProjectFiles.ReadEvents(Path.Combine(sampleFolder, ProjectFiles.EventsFileName)).ToList();
        var users = events.Select(e => e.UserId).Distinct().Count();
        await using var silo = await BenchmarkSilo.Start();
        var ingest = silo.Grains.GetGrain<IEventIngestGrain>(0);
        await ingest.Track(events.Take(1).ToList()); // the grains' code and caches warmed, nothing else
        var (heapBefore, rssBefore) = Measure();

        foreach (var batch in events.Chunk(BatchSize))
        {
            await ingest.Track(batch);
        }
        var (heapLoaded, rssLoaded) = Measure();
        await silo.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var (heapIdle, rssIdle) = Measure();
        GC.KeepAlive(events);

        var held = heapLoaded - heapBefore;
        report.Add("memory", "managed heap before the load (baseline)", heapBefore / 1048576.0, "MB");
        report.Add("memory", $"managed heap with {users:N0} active users after {events.Count:N0} events", heapLoaded / 1048576.0, "MB", heapLoaded / heapBefore);
        report.Add("memory", "managed bytes held per active user (their state and their share of the aggregates)", held / users, "bytes");
        report.Add("memory", "managed bytes held per ingested event", held / events.Count, "bytes");
        report.Add("memory", "managed heap once idle activations are deactivated", heapIdle / 1048576.0, "MB", heapIdle / heapBefore);
        report.Add("memory", "resident set before the load (baseline)", rssBefore / 1048576.0, "MB");
        report.Add("memory", "resident set loaded", rssLoaded / 1048576.0, "MB", rssLoaded / rssBefore);
        report.Add("memory", "resident set once idle", rssIdle / 1048576.0, "MB", rssIdle / rssBefore);
    }

    /// <summary>Managed heap after full, compacting collections, and the process's resident set.</summary>
    public static (double Heap, double Resident) Measure()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }
}
