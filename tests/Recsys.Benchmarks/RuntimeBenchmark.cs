using Recsys.Runtime.Hosting;

namespace Recsys.Benchmarks;

/// <summary>Grain calls per second, in process: through one key (one activation, calls queue) and
/// spread over 10,000 keys, each against the same calls on a plain object.</summary>
internal static class RuntimeBenchmark
{
    public static async Task Run(TimeSpan duration, Report report)
    {
        const int callers = 64;
        const int keys = 10_000;
        await using var silo = await InProcessSilo.StartAsync(builder => builder.AddGrains(typeof(PingGrain).Assembly));
        var plain = new PlainPing();
        var references = Enumerable.Range(0, keys).Select(k => silo.Grains.GetGrain<IPingGrain>(k)).ToArray();
        await Task.WhenAll(references.Select(r => r.Ping(0))); // activate all 10,000

        var baseline = await Measure.Throughput(callers, duration, (_, i) => plain.Ping(i));
        var oneKey = await Measure.Throughput(callers, duration, (_, i) => references[0].Ping(i));
        var manyKeys = await Measure.Throughput(callers, duration, (caller, i) => references[(caller * 7919 + i) % keys].Ping(i));

        report.Add("runtime", "plain object calls/s (baseline)", baseline, "calls/s");
        report.Add("runtime", "grain calls/s, one key", oneKey, "calls/s", oneKey / baseline);
        report.Add("runtime", $"grain calls/s, {keys:N0} keys", manyKeys, "calls/s", manyKeys / baseline);
    }
}
