using System.Diagnostics;

namespace Recsys.Benchmarks;

internal static class Measure
{
    /// <summary>Runs <paramref name="callers"/> concurrent loops of <paramref name="call"/> for about
    /// <paramref name="duration"/> (after a warm-up of a tenth of it); returns calls per second.</summary>
    public static async Task<double> Throughput(int callers, TimeSpan duration, Func<int, int, Task> call)
    {
        await RunFor(callers, duration / 10, call);
        var stopwatch = Stopwatch.StartNew();
        var calls = await RunFor(callers, duration, call);
        return calls / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Latency percentiles (ms) of <paramref name="samples"/> sequential calls.</summary>
    public static async Task<(double P50, double P99)> Latency(int samples, Func<int, Task> call)
    {
        for (var i = 0; i < Math.Min(samples / 10, 200); i++)
        {
            await call(i);
        }
        var elapsed = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call(i);
            elapsed[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return Percentiles(elapsed);
    }

    /// <summary>The median and 99th percentile of <paramref name="elapsed"/>, which it sorts.</summary>
    public static (double P50, double P99) Percentiles(double[] elapsed)
    {
        Array.Sort(elapsed);
        return (elapsed[elapsed.Length / 2], elapsed[Math.Min(elapsed.Length - 1, (int)(elapsed.Length * 0.99))]);
    }

    private static async Task<long> RunFor(int callers, TimeSpan duration, Func<int, int, Task> call)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            long n = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                for (var i = 0; i < 64; i++, n++)
                {
                    await call(caller, (int)n);
                }
            }
            return n;
        })));
        return counts.Sum();
    }
}
