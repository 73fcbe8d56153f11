using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Recsys.Model.Recommender;
using Spectre.Console;

namespace Recsys.Cli.Commands;

/// <summary><c>recsys train</c>: trains the sequence recommender on the baskets before a cutoff and writes its
/// checkpoint directory.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var options = new ModelCommandOptions();
        var output = new Option<string>("--out")
        {
            Description = "Checkpoint directory to write (config.json, vocab.txt, model.safetensors, ...).",
            Required = true,
        };
        var command = new Command("train", "Train the sequence recommender on the baskets before a cutoff.") { output };
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) => await Run(parse.GetRequiredValue(options.Data),
            parse.GetRequiredValue(options.Cutoff), parse.GetRequiredValue(output), options.Config(parse),
            parse.GetRequiredValue(options.Device), parse.GetValue(options.TextEncoder), cancellationToken));
        return command;
    }

    private static async Task<int> Run(string folder, DateTimeOffset cutoff, string output, RecommenderConfig config,
        Model.Tensors.ComputeDevice device, string? textEncoder, CancellationToken cancellationToken)
    {
        if (await ModelCommandOptions.ReadData(folder, cancellationToken) is not { } data)
        {
            return 2;
        }

        var clock = Stopwatch.StartNew();
        try
        {
            using var model = await ModelCommandOptions.Train(data, cutoff, config, device, textEncoder, cancellationToken);
            var trainSeconds = clock.Elapsed.TotalSeconds;
            var snapshot = RecommenderCheckpoint.Save(model, output, data.Baskets, cutoff, data.Catalog);
            var bytes = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Sum(path => new FileInfo(path).Length);
            var table = new Table().AddColumns("", "").HideHeaders();
            foreach (var (name, value) in new (string, string)[]
                     {
                         ("trained on baskets before", cutoff.ToString("u", CultureInfo.InvariantCulture)),
                         ("device", device.ToString()),
                         ("parameters", model.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)),
                         ("checkpoint bytes", bytes.ToString("N0", CultureInfo.InvariantCulture)),
                         ("serving snapshot", $"{snapshot.Baskets.Count:N0} baskets, {snapshot.Catalog.Count:N0} catalog items"),
                         ("version", RecommenderCheckpoint.ContentVersion(output)),
                         ("training wall time", $"{trainSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"),
                     })
            {
                table.AddRow(name, Markup.Escape(value));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"Wrote {output}.");
            return 0;
        }
        catch (Exception e) when (ModelCommandOptions.IsUserError(e))
        {
            return ModelCommandOptions.Fail(e);
        }
    }
}
