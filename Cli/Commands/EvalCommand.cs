using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Recsys.Cli.Terminal;
using Recsys.Model.Data;
using Recsys.Model.Evaluation;
using Recsys.Model.Recommender;
using Spectre.Console;

namespace Recsys.Cli.Commands;

/// <summary><c>recsys eval</c>: protocol OR-NB (EVALUATION.md) for the sequence recommender, trained here or
/// loaded from a checkpoint, and the five baselines, or with <c>--online</c> for what a running silo answers over
/// HTTP; as a table and a JSON file.</summary>
internal static class EvalCommand
{
    private const int DefaultConcurrency = 8;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var options = new ModelCommandOptions();
        var model = new Option<string?>("--model")
        {
            Description = "Checkpoint directory from recsys train; without it a model is trained on the baskets before the cutoff.",
        };
        var online = new Option<Uri?>("--online")
        {
            Description = "Base URL of a running silo to evaluate instead: each test case's list is asked of it at the test "
                          + "basket's time and in its country (and device, when the data has one). The silo must hold the events before the cutoff (recsys "
                          + "replay them, and none after it) for the non-learned mix; a served model ranks from its own "
                          + "snapshot, which should end at the same cutoff.",
            CustomParser = ParseUrl,
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = "API key (scope read) sent with --online's requests, when the silo requires keys.",
        };
        var concurrency = new Option<int>("--concurrency")
        {
            Description = $"Requests in flight with --online (default {DefaultConcurrency}).",
            DefaultValueFactory = _ => DefaultConcurrency,
        };
        ModelCommandOptions.RequireAtLeastOne(concurrency);
        var json = new Option<string>("--json") { Description = "File to write the metrics, counts and wall times to.", Required = true };
        var command = new Command("eval", "Evaluate the recommender and the baselines, or a running silo, with protocol OR-NB at a cutoff.")
        {
            model, online, apiKey, concurrency, json,
        };
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        Option[] offlineOnly = [model, options.Epochs, options.Device, options.Seed, options.TextEncoder, options.Small];
        Option[] onlineOnly = [apiKey, concurrency];
        command.Validators.Add(result =>
        {
            var given = result.GetResult(online) is { Implicit: false };
            var misplaced = (given ? offlineOnly : onlineOnly)
                .Where(option => result.GetResult(option) is { Implicit: false })
                .Select(option => option.Name)
                .ToList();
            if (misplaced.Count > 0)
            {
                result.AddError(given
                    ? $"--online evaluates what the silo serves: {string.Join(", ", misplaced)} cannot be given with it."
                    : $"without --online, {string.Join(", ", misplaced)} cannot be given.");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetRequiredValue(options.Data);
            var cutoff = parse.GetRequiredValue(options.Cutoff);
            var jsonPath = parse.GetRequiredValue(json);
            if (parse.GetValue(online) is { } url)
            {
                return await Run(folder, cutoff, jsonPath, $"online {url}", async (data, split, cancel) =>
                {
                    var (result, summary) = await OnlineEvaluation.Run(url, parse.GetValue(apiKey),
                        parse.GetValue(concurrency), data, split, cancel);
                    return new Evaluation(result, summary);
                }, cancellationToken);
            }

            var modelDirectory = parse.GetValue(model);
            return await Run(folder, cutoff, jsonPath, modelDirectory is null ? null : $"model {modelDirectory}",
                async (data, _, cancel) => new Evaluation(await Offline(data, cutoff, modelDirectory, options.Config(parse),
                    parse.GetRequiredValue(options.Device), parse.GetValue(options.TextEncoder), cancel), null),
                cancellationToken);
        });
        return command;
    }

    /// <summary>What the offline and online evaluations share: reading the data, refusing a cutoff without test
    /// cases, the table and the JSON file.</summary>
    /// <param name="source">The model directory or silo evaluated, for the table's title; null for a model trained here.</param>
    private static async Task<int> Run(string folder, DateTimeOffset cutoff, string jsonPath, string? source,
        Func<ShopData, EvaluationSplit, CancellationToken, Task<Evaluation>> evaluate, CancellationToken cancellationToken)
    {
        if (await ModelCommandOptions.ReadData(folder, cancellationToken) is not { } data)
        {
            return 2;
        }

        try
        {
            // Checked before any training or request: the run would end in the same error after it.
            var split = EvaluationSplit.Create(data.Baskets, cutoff);
            if (split.TestCases.Count == 0)
            {
                throw new InvalidOperationException(
                    $"no test case at the cutoff {cutoff:u}: no customer with baskets before it has one at or after it");
            }

            var evaluation = await evaluate(data, split, cancellationToken);
            Print(evaluation.Result, source);
            evaluation.Online?.Print();
            var directory = Path.GetDirectoryName(Path.GetFullPath(jsonPath))!;
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(jsonPath, evaluation.ToJson(), cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Wrote {jsonPath}.");
            return 0;
        }
        catch (Exception e) when (ModelCommandOptions.IsUserError(e))
        {
            return ModelCommandOptions.Fail(e);
        }
    }

    private static async Task<EvaluationResult> Offline(ShopData data, DateTimeOffset cutoff, string? modelDirectory,
        RecommenderConfig config, Model.Tensors.ComputeDevice device, string? textEncoder, CancellationToken cancellationToken)
    {
        using var loaded = modelDirectory is null ? null : RecommenderCheckpoint.Load(modelDirectory, device);
        return await ProgressBar.RunStages((progress, cancel) =>
        {
            // Without a checkpoint the model trains inside the evaluation, so its fit time is the training's.
            using var recommender = loaded is null
                ? new SequenceRecommenderTrainer(data.Catalog, config, device, progress, textEncoder)
                : new SequenceRecommenderTrainer(data.Catalog, loaded);
            return OfflineEvaluator.Run(data.Baskets, cutoff, [new BaselineTrainer(), recommender],
                new Progress(progress), cancel);
        }, cancellationToken);
    }

    private static void Print(EvaluationResult result, string? source)
    {
        var table = new Table()
            .Title($"Protocol {result.Protocol}, cutoff {result.Cutoff:u}" + (source is null ? "" : $", {source}"))
            .AddColumns("method", "HR@10", "Recall@10", "NDCG@10", "NewRecall@10", "ranking s");
        foreach (var method in result.Methods)
        {
            table.AddRow(Markup.Escape(method.Name), Number(method.HitRate), Number(method.Recall), Number(method.Ndcg),
                method.NewRecall is { } newRecall ? Number(newRecall) : "-",
                method.Seconds.ToString("0.0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        var counts = result.Counts;
        AnsiConsole.MarkupLineInterpolated(
            $"{counts.TestCases:N0} test cases ({counts.NewItemCases:N0} with items new to the customer), {counts.HistoryBaskets:N0} history baskets from {counts.HistoryCustomers:N0} customers, {counts.Items:N0} items; {counts.GroundTruthItemsUnseen:N0} of {counts.GroundTruthItems:N0} ground-truth items never sold before the cutoff.");
        AnsiConsole.MarkupLineInterpolated($"Wall times: {string.Join(", ", result.WallTimes.Select(t => $"{t.Stage} {t.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s"))}.");

        static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
    }

    private static Uri? ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }

        result.AddError($"--online must be an absolute http(s) URL, not '{text}'.");
        return null;
    }

    /// <summary>An evaluation's result, and for an online one what only it knows.</summary>
    private sealed record Evaluation(EvaluationResult Result, OnlineSummary? Online)
    {
        /// <summary>The offline file's JSON; an online run adds its <see cref="OnlineSummary"/> as the "online" field,
        /// so that whatever reads the offline file reads this one too.</summary>
        public string ToJson()
        {
            if (Online is null)
            {
                return Result.ToJson();
            }

            var root = JsonNode.Parse(Result.ToJson())!.AsObject();
            root["online"] = JsonSerializer.SerializeToNode(Online, JsonOptions);
            return root.ToJsonString(JsonOptions);
        }
    }

    /// <summary>The evaluation's stages as progress bars.</summary>
    private sealed class Progress(IProgress<TrainingStageProgress> bars) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) =>
            bars.Report(new TrainingStageProgress(value.Stage, value.Completed, value.Total));
    }
}
