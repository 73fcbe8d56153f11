using System.Diagnostics;
using Recsys.Model.Recommender;
using Recsys.Model.Tensors;
using TorchSharp;

namespace Recsys.Benchmarks;

/// <summary>The served model's pass of the network alone (user tower and ranking head over each user's candidates),
/// for batches of 64 and 512 users, on one libtorch thread and on all cores: the figure to compare
/// across tensor libraries, with no HTTP, grains or candidate generation in it.</summary>
internal static class ForwardBenchmark
{
    private static readonly DateTimeOffset At = new(2011, 11, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly int[] BatchSizes = [64, 512];

    public static void Run(string sampleFolder, string modelDirectory, Report report)
    {
        if (!TorchRuntime.IsAvailable)
        {
            Console.WriteLine($"[forward] skipped: {TorchRuntime.UnavailableReason}");
            return;
        }

        ModelBenchmark.EnsureModel(sampleFolder, modelDirectory, retrain: false);
        var users = ModelBenchmark.KnownUsers(modelDirectory);
        using var recommender = ServedRecommender.Load(modelDirectory, ComputeDevice.Cpu);
        var prepared = users.Take(BatchSizes.Max())
            .Select(user => recommender.Prepare(new ServedQuery(user.Id, At, user.Country, null, null, [], 10,
                new HashSet<string>(StringComparer.Ordinal))))
            .ToList();
        var cores = Environment.ProcessorCount;
        foreach (var threads in new[] { 1, cores }.Distinct())
        {
            torch.set_num_threads(threads);
            foreach (var size in BatchSizes)
            {
                var batch = prepared.Take(size).ToList();
                var perBatch = Time(() => recommender.Logits(batch));
                report.Add("forward", $"pass for {size} users, {threads} thread{(threads == 1 ? "" : "s")}", perBatch, "ms");
                report.Add("forward", $"per user in batches of {size}, {threads} thread{(threads == 1 ? "" : "s")}", perBatch / size, "ms");
            }
        }
    }

    /// <summary>The median of repeated runs after a warm-up, in ms: a pass takes milliseconds, so one run is noise.</summary>
    private static double Time(Action pass)
    {
        for (var i = 0; i < 3; i++)
        {
            pass();
        }

        var runs = new List<double>();
        var clock = Stopwatch.StartNew();
        while (runs.Count < 10 || (clock.Elapsed < TimeSpan.FromSeconds(3) && runs.Count < 200))
        {
            var started = Stopwatch.GetTimestamp();
            pass();
            runs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        runs.Sort();
        return runs[runs.Count / 2];
    }
}
