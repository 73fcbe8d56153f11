using System.CommandLine;
using System.Globalization;
using Recsys.Cli.Terminal;
using Recsys.Model.Evaluation;
using Recsys.Model.Recommender;
using Spectre.Console;

namespace Recsys.Cli.Commands;

/// <summary><c>recsys eval</c>: protocol OR-NB (EVALUATION.md) for the sequence recommender, trained here or
/// loaded from a checkpoint, and the five baselines, as a table and a JSON file.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var options = new ModelCommandOptions();
        var model = new Option<string?>("--model")
        {
            Description = "Checkpoint directory from recsys train; without it a model is trained on the baskets before the cutoff.",
        };
        var json = new Option<string>("--json") { Description = "File to write the metrics, counts and wall times to.", Required = true };
        var command = new Command("eval", "Evaluate the recommender and the baselines with protocol OR-NB at a cutoff.") { model, json };
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) => await Run(parse.GetRequiredValue(options.Data),
            parse.GetRequiredValue(options.Cutoff), parse.GetValue(model), parse.GetRequiredValue(json),
            options.Config(parse), parse.GetRequiredValue(options.Device), parse.GetValue(options.TextEncoder),
            cancellationToken));
        return command;
    }

    private static async Task<int> Run(string folder, DateTimeOffset cutoff, string? modelDirectory, string jsonPath,
        RecommenderConfig config, Model.Torch.Device device, string? textEncoder, CancellationToken cancellationToken)
    {
        if (await ModelCommandOptions.ReadData(folder, cancellationToken) is not { } data)
        {
            return 2;
        }

        try
        {
            // Checked before any training: the run would end in the same error after it.
            if (EvaluationSplit.Create(data.Baskets, cutoff).TestCases.Count == 0)
            {
                throw new InvalidOperationException(
                    $"no test case at the cutoff {cutoff:u}: no customer with baskets before it has one at or after it");
            }

            using var loaded = modelDirectory is null ? null : RecommenderCheckpoint.Load(modelDirectory, device);
            var result = await ProgressBar.RunStages((progress, cancel) =>
            {
                // Without a checkpoint the model trains inside the evaluation, so its fit time is the training's.
                using var recommender = loaded is null
                    ? new SequenceRecommenderTrainer(data.Catalog, config, device, progress, textEncoder)
                    : new SequenceRecommenderTrainer(data.Catalog, loaded);
                return OfflineEvaluator.Run(data.Baskets, cutoff, [new BaselineTrainer(), recommender],
                    new Progress(progress), cancel);
            }, cancellationToken);
            Print(result, modelDirectory);
            var directory = Path.GetDirectoryName(Path.GetFullPath(jsonPath))!;
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(jsonPath, result.ToJson(), cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Wrote {jsonPath}.");
            return 0;
        }
        catch (Exception e) when (ModelCommandOptions.IsUserError(e))
        {
            return ModelCommandOptions.Fail(e);
        }
    }

    private static void Print(EvaluationResult result, string? modelDirectory)
    {
        var table = new Table()
            .Title($"Protocol {result.Protocol}, cutoff {result.Cutoff:u}" + (modelDirectory is null ? "" : $", model {modelDirectory}"))
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

    /// <summary>The evaluation's stages as progress bars.</summary>
    private sealed class Progress(IProgress<TrainingStageProgress> bars) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) =>
            bars.Report(new TrainingStageProgress(value.Stage, value.Completed, value.Total));
    }
}
