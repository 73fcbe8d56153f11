using System.Diagnostics;
using Recsys.Client;
using Recsys.Grains.Interfaces;
using Recsys.Model.Data;

namespace Recsys.Benchmarks;

/// <summary>The bundled sample loaded into a benchmark silo: the catalog upserted over HTTP, the events tracked in
/// batches of <see cref="BatchSize"/>, <see cref="ConcurrentBatches"/> at a time (in the silo through
/// <see cref="IEventIngestGrain"/>, or by any other sender whose rate is measured).</summary>
internal static class SampleLoad
{
    public const int BatchSize = 1000;
    public const int ConcurrentBatches = 4;

    /// <returns>The items upserted.</returns>
    public static Task<int> Catalog(IRecsysClient client, string sampleFolder) =>
        client.UpsertItems(ProjectFiles.ReadCatalog(Path.Combine(sampleFolder, ProjectFiles.CatalogFileName)));

    public static List<UserEvent> ReadEvents(string sampleFolder) =>
        ProjectFiles.ReadEvents(Path.Combine(sampleFolder, ProjectFiles.EventsFileName)).ToList();

    /// <summary>Tracks the events in the silo, without HTTP; returns events per second.</summary>
    public static Task<double> InSilo(BenchmarkSilo silo, IEnumerable<UserEvent> events)
    {
        var ingest = silo.Grains.GetGrain<IEventIngestGrain>(0);
        return Track(events, batch => ingest.Track(batch));
    }

    /// <summary>Sends the events in batches; returns events per second.</summary>
    public static async Task<double> Track(IEnumerable<UserEvent> events, Func<IReadOnlyList<UserEvent>, Task<TrackResult>> send)
    {
        var clock = Stopwatch.StartNew();
        long sent = 0;
        await Parallel.ForEachAsync(events.Chunk(BatchSize), new ParallelOptions { MaxDegreeOfParallelism = ConcurrentBatches }, async (batch, _) =>
        {
            await send(batch);
            Interlocked.Add(ref sent, batch.Length);
        });
        return sent / clock.Elapsed.TotalSeconds;
    }
}
