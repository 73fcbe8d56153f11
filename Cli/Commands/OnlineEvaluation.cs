using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
using Recsys.Cli.Terminal;
using Recsys.Client;
using Recsys.Grains.Interfaces;
using Recsys.Model.Data;
using Recsys.Model.Evaluation;
using Spectre.Console;

namespace Recsys.Cli.Commands;

/// <summary><c>recsys eval --online</c>: protocol OR-NB with every test case's list asked of a running silo over
/// HTTP, at the test basket's time and in its scene. The lists are then scored by <see cref="OfflineEvaluator"/>
/// like any offline method, so the figures compare with the offline table's.</summary>
internal static class OnlineEvaluation
{
    /// <summary>Asks the silo for the test cases' lists, <paramref name="concurrency"/> requests at a time, with a
    /// progress bar, and scores them.</summary>
    /// <exception cref="InvalidOperationException">The silo could not be reached or refused a request (the message
    /// names the URL and the problem), or a list breaks the protocol (duplicates, more than k items).</exception>
    public static async Task<(EvaluationResult Result, OnlineSummary Summary)> Run(Uri url, string? apiKey,
        int concurrency, ShopData data, EvaluationSplit split, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var client = new HttpRecsysClient(http, new RecsysClientOptions { BaseAddress = url, ApiKey = apiKey });
        var clock = Stopwatch.StartNew();
        var answers = await ProgressBar.Run($"Asking {url} for {split.TestCases.Count:N0} lists",
            report => Ask(client, url, split.TestCases, concurrency, report, cancellationToken));
        var requestSeconds = clock.Elapsed.TotalSeconds;

        var summary = OnlineSummary.Of(url, concurrency, answers, requestSeconds);
        // One test case per customer (EvaluationSplit), so the customer finds the case's list.
        var lists = answers.ToDictionary(answer => answer.CustomerId, answer => answer.Items, StringComparer.Ordinal);
        var method = new DelegateMethod(summary.MethodName, (query, _) => lists[query.CustomerId]);
        var scored = OfflineEvaluator.Run(data.Baskets, split.Cutoff, [new Answered(method)],
            cancellationToken: cancellationToken);
        // The ranking time of an online method is the requests' wall time, not the lookups the scoring made.
        var result = scored with
        {
            Methods = [.. scored.Methods.Select(scoredMethod => scoredMethod with { Seconds = requestSeconds })],
            WallTimes = [new StageTiming("requests", requestSeconds), new StageTiming("total", clock.Elapsed.TotalSeconds)],
        };
        return (result, summary);
    }

    private static async Task<List<Answer>> Ask(IRecsysClient client, Uri url, IReadOnlyList<TestCase> testCases,
        int concurrency, Action<double, double> report, CancellationToken cancellationToken)
    {
        var answers = new List<Answer>(testCases.Count);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(testCases, parallel, async (testCase, token) =>
        {
            var query = testCase.Query;
            var request = new RecommendationRequest
            {
                Count = OfflineEvaluator.K,
                At = query.Time,
                Location = query.Country,
                Device = query.Device,
            };
            var clock = Stopwatch.StartNew();
            RecommendationList list;
            try
            {
                list = await client.Recommend(query.CustomerId, request, token);
            }
            catch (RecsysClientException e)
            {
                throw new InvalidOperationException(
                    $"Online evaluation against {url} stopped at customer {query.CustomerId}: {OneLine(e.Message)}", e);
            }

            var answer = new Answer(query.CustomerId, [.. list.Items.Select(item => item.ItemId)], list.Strategy,
                list.ModelVersion, list.Fallback, clock.Elapsed.TotalMilliseconds);
            lock (answers)
            {
                answers.Add(answer);
                report(answers.Count, testCases.Count);
            }
        });
        return answers;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");

    /// <summary>One test case's list as the silo answered it, and how long the request took.</summary>
    internal sealed record Answer(string CustomerId, IReadOnlyList<string> Items, string Strategy, string? ModelVersion,
        string? Fallback, double Milliseconds);

    /// <summary>The silo's lists, already ranked: nothing to fit.</summary>
    private sealed class Answered(IRecommendationMethod method) : IMethodTrainer
    {
        public string Name => method.Name;

        public IReadOnlyList<IRecommendationMethod> Fit(EvaluationSplit split, CancellationToken cancellationToken) => [method];
    }
}

/// <summary>Who ranked the lists of an online evaluation (the <c>strategy</c> and <c>modelVersion</c> of each
/// <see cref="RecommendationList"/>), why the mix answered when it did, and the requests' latency. Written as the
/// "online" field of the evaluation's JSON, next to the fields an offline evaluation writes.</summary>
internal sealed record OnlineSummary
{
    public required string Url { get; init; }

    /// <summary>One per test case.</summary>
    public required int Requests { get; init; }

    public required int Concurrency { get; init; }

    /// <summary>Lists the served model ranked (they carry a model version).</summary>
    public required int ModelLists { get; init; }

    /// <summary>Lists the non-learned mix ranked.</summary>
    public required int MixLists { get; init; }

    /// <summary>Lists per strategy and model version, most first.</summary>
    public required IReadOnlyList<Answerer> AnsweredBy { get; init; }

    /// <summary>Lists per reason the mix gave for answering instead of a model, most first.</summary>
    public required IReadOnlyList<FallbackCount> Fallbacks { get; init; }

    /// <summary>Per request, retries included, as the client saw it.</summary>
    public required double LatencyP50Ms { get; init; }

    public required double LatencyP99Ms { get; init; }

    /// <summary>Wall time of all requests.</summary>
    public required double Seconds { get; init; }

    /// <summary>"ONLINE" and the model version, or the strategy, that answered most lists.</summary>
    [JsonIgnore]
    public string MethodName => $"ONLINE {AnsweredBy[0].ModelVersion ?? AnsweredBy[0].Strategy}";

    public static OnlineSummary Of(Uri url, int concurrency, IReadOnlyList<OnlineEvaluation.Answer> answers,
        double seconds)
    {
        var latencies = answers.Select(answer => answer.Milliseconds).Order().ToList();
        return new OnlineSummary
        {
            Url = url.ToString(),
            Requests = answers.Count,
            Concurrency = concurrency,
            ModelLists = answers.Count(answer => answer.ModelVersion is not null),
            MixLists = answers.Count(answer => answer.ModelVersion is null),
            AnsweredBy =
            [
                .. answers.GroupBy(answer => (answer.Strategy, answer.ModelVersion))
                    .Select(group => new Answerer(group.Key.Strategy, group.Key.ModelVersion, group.Count()))
                    .OrderByDescending(answerer => answerer.Lists),
            ],
            Fallbacks =
            [
                .. answers.Where(answer => answer.Fallback is not null)
                    .GroupBy(answer => answer.Fallback!, StringComparer.Ordinal)
                    .Select(group => new FallbackCount(group.Key, group.Count()))
                    .OrderByDescending(fallback => fallback.Lists),
            ],
            LatencyP50Ms = Percentile(latencies, 0.50),
            LatencyP99Ms = Percentile(latencies, 0.99),
            Seconds = seconds,
        };
    }

    public void Print()
    {
        AnsiConsole.MarkupLineInterpolated(
            $"{Requests:N0} lists from {Url} ({Concurrency} requests in flight): {ModelLists:N0} ranked by a model, {MixLists:N0} by the non-learned mix.");
        foreach (var answerer in AnsweredBy)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"  {answerer.Strategy}{(answerer.ModelVersion is { } version ? $" (model {version})" : "")}: {answerer.Lists:N0} lists");
        }

        foreach (var fallback in Fallbacks)
        {
            AnsiConsole.MarkupLineInterpolated($"  mix because {fallback.Reason}: {fallback.Lists:N0} lists");
        }

        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Latency p50 {LatencyP50Ms:0.0} ms, p99 {LatencyP99Ms:0.0} ms; requests took {Seconds:0.0} s.");
    }

    /// <summary>Nearest rank: a latency some request really took.</summary>
    private static double Percentile(IReadOnlyList<double> sorted, double fraction) =>
        sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Count) - 1)];

    public sealed record Answerer(string Strategy, string? ModelVersion, int Lists);

    public sealed record FallbackCount(string Reason, int Lists);
}
