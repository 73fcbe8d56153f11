namespace Recsys.Benchmarks;

/// <summary>Grain calls per second inside the silo (the silo's own IGrainFactory, as the HTTP gateway and
/// the grains call): through one key (one activation, calls queue) and spread over 10,000 keys, each
/// against the same calls on a plain object.</summary>
internal static class OrleansBenchmark
{
    public static async Task Run(TimeSpan duration, Report report)
    {
        const int callers = 64;
        const int keys = 10_000;
        await using var silo = await BenchmarkSilo.Start();
        var plain = new PlainPing();
        var references = Enumerable.Range(0, keys).Select(k => silo.Grains.GetGrain<IPingGrain>(k)).ToArray();
        await Task.WhenAll(references.Select(r => r.Ping(0))); // activate all 10,000

        var baseline = await Measure.Throughput(callers, duration, (_, i) => plain.Ping(i));
        var oneKey = await Measure.Throughput(callers, duration, (_, i) => references[0].Ping(i));
        var manyKeys = await Measure.Throughput(callers, duration, (caller, i) => references[(caller * 7919 + i) % keys].Ping(i));

        report.Add("orleans", "plain object calls/s (baseline)", baseline, "calls/s");
        report.Add("orleans", "grain calls/s in the silo, one key", oneKey, "calls/s", oneKey / baseline);
        report.Add("orleans", $"grain calls/s in the silo, {keys:N0} keys", manyKeys, "calls/s", manyKeys / baseline);
    }
}
