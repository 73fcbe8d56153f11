using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Recsys.Client;
using Recsys.Grains.Interfaces;
using Recsys.Model.Data;
using Recsys.Model.Recommender;
using Recsys.Model.Tensors;
using TorchSharp;
using Recsys.Serving;

namespace Recsys.Benchmarks;

/// <summary>The learned model as the silo serves it over HTTP (GET /v1/users/{id}/recommendations, k=10, at a time
/// after the model's snapshot, each customer's country): closed loops of 1, 16 and 64 concurrent requests with
/// dynamic batching, the same with batch size 1, and the non-learned mix on the same silo before the model is loaded;
/// then the issue's target, an open loop at 1,000 requests/s whose p99 should stay within 10 ms. The model is the
/// default config trained on the bundled sample before <see cref="Cutoff"/>, once, and kept in artifacts/bench/model.
/// Only customers with purchases in the snapshot are asked for: the model does not rank unknown users by design.</summary>
internal static class ModelBenchmark
{
    /// <summary>The day after the sample's last, as the demo's model: the model learns from all of the sample.</summary>
    private static readonly DateTimeOffset Cutoff = new(2011, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>After the snapshot: a request before it gets the mix by design.</summary>
    private const string At = "2011-11-02T12:00:00Z";

    private const int Count = 10;
    private const int OpenLoopRate = 1_000;

    /// <summary>The model's open loops, up to the target's rate: where p99 leaves 10 ms on this machine.</summary>
    private static readonly int[] OpenLoopRates = [250, 500, 750, OpenLoopRate];
    private const double TargetP99Ms = 10;
    private static readonly int[] Concurrencies = [1, 16, 64];

    private const string Mix = "non-learned mix";
    private const string Batched = "model, dynamic batching";
    private const string Single = "model, batch size 1";

    public static async Task Run(string sampleFolder, string modelDirectory, bool smoke, bool retrain, Report report)
    {
        if (!TorchRuntime.IsAvailable)
        {
            Console.WriteLine($"[model] skipped: {TorchRuntime.UnavailableReason}");
            return;
        }

        var mode = smoke ? Mode.Smoke : Mode.Full;
        EnsureModel(sampleFolder, modelDirectory, retrain);
        var users = KnownUsers(modelDirectory);
        var events = SampleLoad.ReadEvents(sampleFolder);
        Console.WriteLine($"[model] {mode.Name} run: {users.Count:N0} customers known to the model's snapshot; "
            + $"{mode.RequestsPerRow:N0} requests per closed-loop row after {mode.WarmUp:N0} to warm up; libtorch on {torch.get_num_threads()} threads");

        var rows = new List<Row>();
        Row open;
        await using (var silo = await StartLoaded(sampleFolder, events, mode))
        {
            using var load = new Load(silo, users);
            await load.Prime(mode);
            foreach (var concurrency in Concurrencies)
            {
                rows.Add(await load.Closed(Mix, concurrency, mode));
            }

            // The same open loop with the mix: what the HTTP gateway and the grains leave of the target's 10 ms.
            rows.Add(await load.Open(Mix, OpenLoopRate, mode.OpenLoop));

            // The same silo, users and state from here on: only the recommender differs from the mix's rows.
            var model = await silo.App.Services.GetRequiredService<ModelHost>().Load(modelDirectory);
            Console.WriteLine($"[model] serving {model.Version}: {model.Items:N0} items, {model.Customers:N0} customers");
            await load.Prime(mode);
            foreach (var concurrency in Concurrencies)
            {
                rows.Add(await load.Closed(Batched, concurrency, mode));
            }

            foreach (var rate in OpenLoopRates)
            {
                rows.Add(await load.Open(Batched, rate, mode.OpenLoop));
            }

            open = rows[^1];
        }

        // MaxBatch is read once, by the silo's batcher: batch size 1 needs a silo of its own. Its other settings are the
        // defaults, the timeout too: a request queued behind too many single passes gets the mix, as it would in
        // service, and the rows compare answers ranked by the model per second.
        await using (var silo = await StartLoaded(sampleFolder, events, mode, new Dictionary<string, string?>
                     {
                         [$"{ModelServingOptions.SectionName}:{nameof(ModelServingOptions.Path)}"] = modelDirectory,
                         [$"{ModelServingOptions.SectionName}:{nameof(ModelServingOptions.MaxBatch)}"] = "1",
                     }))
        {
            using var load = new Load(silo, users);
            await load.Prime(mode);
            foreach (var concurrency in Concurrencies)
            {
                rows.Add(await load.Closed(Single, concurrency, mode));
            }
        }

        report.AddTable("model", $"recommendations over HTTP, k={Count}, at={At}" + (smoke ? " (SMOKE RUN: too few requests to judge)" : ""), textColumns: 2,
            ["recommender", "load", "requests", "p50 ms", "p99 ms", "req/s", "ranked by the model/s", "mean batch", "by the model", "failed", "KiB allocated/request"],
            rows.Select(row => row.Cells()));
        Summarise(rows, open, smoke, report);
    }

    private static void Summarise(List<Row> rows, Row open, bool smoke, Report report)
    {
        Row Find(string recommender, int concurrency) =>
            rows.Single(row => row.Recommender == recommender && row.Concurrency == concurrency);
        var (mix1, mix16, mix64) = (Find(Mix, 1), Find(Mix, 16), Find(Mix, 64));
        var (model1, model16, model64) = (Find(Batched, 1), Find(Batched, 16), Find(Batched, 64));
        var single64 = Find(Single, 64);
        // The model's rows count the answers it ranked: those the mix answered after the timeout skipped their pass.
        report.Add("model", "answers ranked by the model/s at 64 concurrent, batch size 1 (baseline)", single64.ModelPerSecond, "req/s");
        report.Add("model", "answers ranked by the model/s at 64 concurrent, dynamic batching", model64.ModelPerSecond, "req/s", model64.ModelPerSecond / single64.ModelPerSecond);
        report.Add("model", "p50 at 1 concurrent, non-learned mix (baseline)", mix1.P50, "ms");
        report.Add("model", "p50 at 1 concurrent, model", model1.P50, "ms", model1.P50 / mix1.P50);
        report.Add("model", "req/s at 64 concurrent, non-learned mix (baseline)", mix64.PerSecond, "req/s");
        report.Add("model", "answers ranked by the model/s at 64 concurrent, dynamic batching", model64.ModelPerSecond, "req/s", model64.ModelPerSecond / mix64.PerSecond);
        // At 16 concurrent: in the slow one-at-a-time rows the thread pool retires threads, and the process's total of
        // allocated bytes was seen to go down across a row.
        report.Add("model", "KiB allocated per request at 16 concurrent, non-learned mix (baseline)", mix16.BytesPerRequest / 1024, "KiB");
        report.Add("model", "KiB allocated per request at 16 concurrent, model", model16.BytesPerRequest / 1024, "KiB", model16.BytesPerRequest / mix16.BytesPerRequest);
        var openMix = rows.Single(row => row.Recommender == Mix && row.Concurrency == 0);
        report.Add("model", $"open loop at {OpenLoopRate:N0} req/s, non-learned mix: p99 (ratio to the {TargetP99Ms} ms target)", openMix.P99, "ms", openMix.P99 / TargetP99Ms);
        report.Add("model", $"open loop at {OpenLoopRate:N0} req/s, model: p99 (ratio to the {TargetP99Ms} ms target)", open.P99, "ms", open.P99 / TargetP99Ms);
        report.Add("model", $"open loop at {OpenLoopRate:N0} req/s, model: rate answered (ratio to the rate sent)", open.PerSecond, "req/s", open.PerSecond / OpenLoopRate);

        foreach (var row in rows.Where(row => row.Recommender != Mix && row.ModelShare < 0.99))
        {
            Console.WriteLine($"[model] note: {row.Recommender}, {row.LoadName}: {Format(100 * (1 - row.ModelShare), "0.0")} % "
                + "not ranked by the model (the mix answered after the model's timeout, or the request failed): its latency "
                + "and req/s are not the model's alone");
        }

        // Met only if the model ranked the answers: a fallback to the mix or a refusal answers fast without the model.
        var met = open.P99 <= TargetP99Ms && open.ModelShare >= 0.99 && open.Failed == 0;
        Console.WriteLine();
        Console.WriteLine($"[model] target p99 <= {TargetP99Ms} ms at {OpenLoopRate:N0} requests/s with the default model: "
            + (met ? "MET" : "NOT MET")
            + $" (p99 {Format(open.P99, "0.00")} ms, {Format(100 * open.ModelShare, "0.0")} % ranked by the model, {open.Failed} failed)"
            + (smoke ? "; smoke run, not a measurement" : ""));
    }

    /// <summary>Trains the default model on the sample (as <c>recsys train</c> does) unless the directory already
    /// holds one trained with the default config, or <paramref name="retrain"/> says to train again.</summary>
    public static void EnsureModel(string sampleFolder, string directory, bool retrain)
    {
        var config = new RecommenderConfig();
        var trainedWith = TrainedWith(directory);
        if (!retrain && trainedWith == config)
        {
            Console.WriteLine($"[model] reusing the model in {directory} (default config, trained before {Cutoff:yyyy-MM-dd}); "
                + "'model retrain' trains it again");
            return;
        }

        Console.WriteLine($"[model] training the default model on {sampleFolder} before {Cutoff:yyyy-MM-dd} "
            + $"({(retrain ? "asked to retrain" : trainedWith is null ? "none in " + directory : "the cached one has another config")}; "
            + "about 2 minutes on 2 cores, once)");
        var clock = Stopwatch.StartNew();
        var data = ShopData.Read(sampleFolder);
        var threads = torch.get_num_threads();
        using var model = RecommenderTraining.Train(data.Baskets, Cutoff, data.Catalog, config, ComputeDevice.Cpu,
            progress: new StageProgress(clock));
        // Training gives libtorch every core for the rest of the process; the silo then serves with libtorch's default,
        // as under recsys serve (which trains nothing), so that a run that trained measures as later runs do.
        torch.set_num_threads(threads);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        // What recsys train writes: the checkpoint and the serving snapshot the silo reads its features from.
        RecommenderCheckpoint.Save(model, directory, data.Baskets, Cutoff, data.Catalog);
        Console.WriteLine($"[model] trained in {clock.Elapsed.TotalSeconds:0} s: {model.ParameterCount:N0} parameters, written to {directory}");
    }

    /// <summary>The config of the checkpoint in the directory; null when there is none or it is incomplete (the
    /// snapshot is written last, so a training stopped half way leaves no snapshot info).</summary>
    private static RecommenderConfig? TrainedWith(string directory)
    {
        var config = Path.Combine(directory, RecommenderCheckpoint.ConfigFileName);
        return File.Exists(config) && File.Exists(Path.Combine(directory, ServingSnapshot.DirectoryName, ServingSnapshot.InfoFileName))
            ? JsonSerializer.Deserialize<RecommenderConfig>(File.ReadAllText(config))
            : null;
    }

    /// <summary>The customers with purchases in the model's snapshot, each with the country of their latest basket,
    /// in a fixed shuffled order so that consecutive requests ask for unrelated customers.</summary>
    internal static List<KnownUser> KnownUsers(string modelDirectory)
    {
        var users = ServingSnapshot.Load(modelDirectory).Baskets // chronological: the last basket is the latest
            .GroupBy(basket => basket.CustomerId, StringComparer.Ordinal)
            .Select(group => new KnownUser(group.Key, group.Last().Country))
            .OrderBy(user => user.Id, StringComparer.Ordinal)
            .ToArray();
        new Random(7).Shuffle(users);
        return [.. users];
    }

    /// <summary>A benchmark silo with the sample's catalog and events, once their state has been written behind.</summary>
    private static async Task<BenchmarkSilo> StartLoaded(string sampleFolder, IReadOnlyList<UserEvent> events, Mode mode,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var silo = await BenchmarkSilo.Start(settings);
        try
        {
            using var http = new HttpClient();
            var client = new HttpRecsysClient(http, new RecsysClientOptions
            {
                BaseAddress = silo.Address, BatchSize = SampleLoad.BatchSize, Timeout = TimeSpan.FromMinutes(5),
            });
            await SampleLoad.Catalog(client, sampleFolder);
            var rate = await SampleLoad.InSilo(silo, events);
            // Users' state is written within 5 s of the load, the shared aggregates within 30 s (as in the http
            // benchmark): measured during it, the first rows would pay for the writes.
            Console.WriteLine($"[model] silo started {(settings is null ? "without a model" : "with " + string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}")))}; "
                + $"{events.Count:N0} events loaded at {rate:N0}/s; waiting {mode.Settle.TotalSeconds:0} s while they are written behind");
            await Task.Delay(mode.Settle);
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <param name="RequestsPerRow">Measured requests of each closed-loop row.</param>
    /// <param name="WarmUp">Requests before each closed-loop row, at its concurrency, not measured.</param>
    /// <param name="Prime">Requests before a recommender's first row, not measured (see <see cref="Load.Prime"/>).</param>
    /// <param name="OpenLoop">How long the open loop sends.</param>
    /// <param name="Settle">The wait after loading the sample.</param>
    private sealed record Mode(string Name, int RequestsPerRow, int WarmUp, int Prime, TimeSpan OpenLoop, TimeSpan Settle)
    {
        public static Mode Full { get; } = new("full", 4_000, 400, 1_500, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(40));

        /// <summary>Checks that the benchmark runs from end to end, in a minute or two once the model is cached.</summary>
        public static Mode Smoke { get; } = new("smoke", 300, 50, 600, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
    }

    internal sealed record KnownUser(string Id, string? Country);

    private enum Outcome
    {
        Model,
        Mix,
        Failed,
    }

    /// <summary>The fields of the answer the benchmark checks.</summary>
    private sealed record Answer(string Strategy, string? Fallback);

    /// <summary>Totals of the process and the silo's batcher, read before and after a row.</summary>
    private readonly record struct Counters(long Batches, long Queries, long AllocatedBytes)
    {
        public static Counters operator -(Counters after, Counters before) =>
            new(after.Batches - before.Batches, after.Queries - before.Queries, after.AllocatedBytes - before.AllocatedBytes);
    }

    /// <param name="Concurrency">Workers of a closed loop; 0 for the open loop.</param>
    /// <param name="PerSecond">Requests answered per second, from the first sent to the last answered.</param>
    /// <param name="MeanBatch">Requests per pass of the network; null when no pass ran.</param>
    /// <param name="BytesPerRequest">Allocated in the whole process (silo and the benchmark's client).</param>
    private sealed record Row(string Recommender, string LoadName, int Concurrency, int Requests, double P50, double P99,
        double PerSecond, double? MeanBatch, double ModelShare, int Failed, double BytesPerRequest)
    {
        public double ModelPerSecond => PerSecond * ModelShare;

        public static Row Of(string recommender, string load, int concurrency, double[] latencies, Outcome[] outcomes,
            TimeSpan elapsed, Counters used)
        {
            var (p50, p99) = Measure.Percentiles(latencies);
            var row = new Row(recommender, load, concurrency, latencies.Length, p50, p99, latencies.Length / elapsed.TotalSeconds,
                used.Batches > 0 ? used.Queries / (double)used.Batches : null,
                outcomes.Count(outcome => outcome == Outcome.Model) / (double)outcomes.Length,
                outcomes.Count(outcome => outcome == Outcome.Failed), used.AllocatedBytes / (double)latencies.Length);
            Console.WriteLine($"[model] {recommender}, {load}: p50 {Format(p50, "0.00")} ms, p99 {Format(p99, "0.00")} ms, "
                + $"{row.PerSecond:N0} req/s, mean batch {(row.MeanBatch is { } b ? Format(b, "0.0") : "-")}, "
                + $"{Format(100 * row.ModelShare, "0.0")} % by the model, {row.Failed} failed");
            return row;
        }

        public IReadOnlyList<string> Cells() =>
        [
            Recommender, LoadName, Requests.ToString("N0", CultureInfo.InvariantCulture), Format(P50, "0.00"), Format(P99, "0.00"),
            PerSecond.ToString("N0", CultureInfo.InvariantCulture), ModelPerSecond.ToString("N0", CultureInfo.InvariantCulture),
            MeanBatch is { } batch ? Format(batch, "0.0") : "-",
            Format(100 * ModelShare, "0.0") + " %", Failed.ToString(CultureInfo.InvariantCulture), BytesPerRequest >= 0 ? Format(BytesPerRequest / 1024, "0.0") : "-",
        ];
    }

    /// <summary>Recommendation requests to one silo, each for the next customer of the shuffled list.</summary>
    private sealed class Load(BenchmarkSilo silo, IReadOnlyList<KnownUser> users) : IDisposable
    {
        private readonly HttpClient http = new();
        private readonly ServingTelemetry telemetry = silo.App.Services.GetRequiredService<ServingTelemetry>();

        private readonly Uri[] requests = users.Select(user => new Uri(silo.Address,
            $"v1/users/{Uri.EscapeDataString(user.Id)}/recommendations?k={Count}&at={At}"
            + (user.Country is null ? "" : "&location=" + Uri.EscapeDataString(user.Country)))).ToArray();

        private int sent;

        /// <summary>Requests at each concurrency in turn, not measured, before a recommender's first row: its first
        /// requests run slower (tiered compilation optimises hot code only once it has run a while), longer than a
        /// row's own warm-up covers: without this, the first model row after a load measured 1.5-2.5x the p50 of the
        /// same row run again.</summary>
        public async Task Prime(Mode mode)
        {
            foreach (var concurrency in Concurrencies)
            {
                var requests = mode.Prime / Concurrencies.Length;
                await ClosedLoop(concurrency, new double[requests], new Outcome[requests]);
            }
        }

        /// <summary><paramref name="concurrency"/> workers, each sending its next request when its last is answered.</summary>
        public async Task<Row> Closed(string recommender, int concurrency, Mode mode)
        {
            await ClosedLoop(concurrency, new double[mode.WarmUp], new Outcome[mode.WarmUp]);
            var latencies = new double[mode.RequestsPerRow];
            var outcomes = new Outcome[mode.RequestsPerRow];
            var before = Read();
            var clock = Stopwatch.StartNew();
            await ClosedLoop(concurrency, latencies, outcomes);
            return Row.Of(recommender, $"{concurrency} concurrent", concurrency, latencies, outcomes, clock.Elapsed, Read() - before);
        }

        /// <summary>Requests sent at a fixed rate whatever the answers' latency (as independent clients send them),
        /// each timed from when it was due: a client that falls behind adds its delay, as its users would see it.</summary>
        public async Task<Row> Open(string recommender, int rate, TimeSpan duration)
        {
            var total = (int)(rate * duration.TotalSeconds);
            var latencies = new double[total];
            var outcomes = new Outcome[total];
            var answers = new List<Task>(total);
            var before = Read();
            var start = Stopwatch.GetTimestamp();
            var ticksPerRequest = Stopwatch.Frequency / (double)rate;
            for (var next = 0; next < total;)
            {
                var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1);
                for (; next < due; next++)
                {
                    answers.Add(Timed(next, start + (long)(next * ticksPerRequest)));
                }

                await Task.Delay(1); // about 1 ms: the requests due since are sent together
            }

            await Task.WhenAll(answers);
            return Row.Of(recommender, $"open loop, {rate:N0}/s for {duration.TotalSeconds:0} s", 0, latencies, outcomes,
                Stopwatch.GetElapsedTime(start), Read() - before);

            async Task Timed(int index, long due)
            {
                outcomes[index] = await Send();
                latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            }
        }

        public void Dispose() => http.Dispose();

        private Task ClosedLoop(int workers, double[] latencies, Outcome[] outcomes)
        {
            var taken = -1;
            return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref taken); i < latencies.Length; i = Interlocked.Increment(ref taken))
                {
                    var start = Stopwatch.GetTimestamp();
                    outcomes[i] = await Send();
                    latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            })));
        }

        private async Task<Outcome> Send()
        {
            var request = requests[(int)((uint)Interlocked.Increment(ref sent) % (uint)requests.Length)];
            try
            {
                var answer = await http.GetFromJsonAsync<Answer>(request, JsonSerializerOptions.Web);
                return answer is { Strategy: RecommendationGrain.Strategy, Fallback: null } ? Outcome.Model : Outcome.Mix;
            }
            catch (HttpRequestException)
            {
                return Outcome.Failed; // e.g. 503 when the model's queue is full
            }
        }

        private Counters Read() => new(telemetry.Batches, telemetry.Queries, GC.GetTotalAllocatedBytes(precise: true));
    }

    /// <summary>Prints each training stage when it starts and at every quarter, on the calling thread
    /// (<see cref="Progress{T}"/> would post to the thread pool, out of order).</summary>
    private sealed class StageProgress(Stopwatch clock) : IProgress<TrainingStageProgress>
    {
        private readonly Lock gate = new();
        private string? stage;
        private int quarter;

        public void Report(TrainingStageProgress value)
        {
            lock (gate)
            {
                var reached = value.Total > 0 ? 4 * value.Completed / value.Total : 0;
                if (value.Stage == stage && reached <= quarter)
                {
                    return;
                }

                (stage, quarter) = (value.Stage, reached);
                Console.WriteLine($"[model] {clock.Elapsed:m\\:ss} training: {value.Stage} {value.Completed:N0}/{value.Total:N0}"
                    + (value.Loss is { } loss ? $", loss {Format(loss, "0.0000")}" : ""));
            }
        }
    }
}
