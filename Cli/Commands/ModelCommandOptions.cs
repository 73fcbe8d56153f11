using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime.InteropServices;
using Recsys.Cli.Terminal;
using Recsys.Model.Data;
using Recsys.Model.Recommender;
using Recsys.Model.Tensors;
using Spectre.Console;

namespace Recsys.Cli.Commands;

/// <summary>The options <c>recsys train</c> and <c>recsys eval</c> share, and the steps they share: reading the
/// data and training a model with progress bars.</summary>
internal sealed class ModelCommandOptions
{
    private static readonly string[] CutoffFormats =
        ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK"];

    public Option<string> Data { get; } = new("--data")
    {
        Description = "Folder with events.ndjson(.gz) [+ catalog.ndjson(.gz)], or with UCI Online Retail by-day CSV files.",
        Required = true,
    };

    public Option<DateTimeOffset> Cutoff { get; } = new("--cutoff")
    {
        Description = "The cutoff T (UTC): models learn from baskets before it, e.g. 2011-09-01 or '2011-09-01 12:00:00'.",
        Required = true,
        CustomParser = ParseCutoff,
    };

    public Option<int?> Epochs { get; } = new("--epochs")
    {
        Description = $"Passes of the towers over the purchase history (default {new RecommenderConfig().Epochs}).",
    };

    public Option<ComputeDevice> Device { get; } = new("--device")
    {
        Description = "cpu or cuda:N.",
        DefaultValueFactory = _ => ComputeDevice.Cpu,
        CustomParser = ParseDevice,
    };

    public Option<int> Seed { get; } = new("--seed")
    {
        Description = "Seeds initialisation, sampling and shuffling: the same seed gives the same model on the CPU.",
        DefaultValueFactory = _ => new RecommenderConfig().Seed,
    };

    public Option<string?> TextEncoder { get; } = new("--text-encoder")
    {
        Description = "BERT checkpoint directory (e.g. pre-trained on the catalog's titles) whose frozen encoder reads the "
                      + "titles; by default a bag of word pieces is learned with the model.",
    };

    public Option<bool> Small { get; } = new("--small")
    {
        Description = "Train a small model (narrower towers, one pass per stage) in well under a minute, for trying "
                      + "the service out; it ranks below the default model.",
    };

    public IEnumerable<Option> All => [Data, Cutoff, Epochs, Device, Seed, TextEncoder, Small];

    public ModelCommandOptions()
    {
        RequireAtLeastOne(Epochs);
    }

    /// <summary>Refuses a value below 1, naming the option; an option left out passes.</summary>
    public static void RequireAtLeastOne<T>(Option<T> option) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<T>() is int value && value < 1)
        {
            result.AddError($"{result.Option.Name} must be at least 1.");
        }
    });

    public RecommenderConfig Config(ParseResult parse)
    {
        var defaults = parse.GetValue(Small) ? RecommenderConfig.Small : new RecommenderConfig();
        return defaults with { Epochs = parse.GetValue(Epochs) ?? defaults.Epochs, Seed = parse.GetValue(Seed) };
    }

    /// <summary>The folder's baskets and catalog, with a progress bar; null (after saying why) when the folder is
    /// missing or holds no data.</summary>
    public static async Task<ShopData?> ReadData(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]No such folder:[/] {folder}");
            return null;
        }

        try
        {
            var data = await ProgressBar.Run("Reading data", report => Task.Run(() => ShopData.Read(folder,
                new Progress<ImportProgress>(p => report(p.FilesRead, p.FileCount)), cancellationToken), cancellationToken));
            AnsiConsole.MarkupLineInterpolated(
                $"Read {data.Baskets.Count:N0} baskets and {data.Catalog.Count:N0} catalog items from {data.Source}.");
            return data;
        }
        catch (Exception e) when (e is FileNotFoundException or DataFormatException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Cannot read {folder}:[/] {e.Message}");
            return null;
        }
    }

    /// <summary>Trains on the baskets before the cutoff with a progress bar per stage.</summary>
    public static Task<TrainedRecommender> Train(ShopData data, DateTimeOffset cutoff, RecommenderConfig config,
        ComputeDevice device, string? textEncoder, CancellationToken cancellationToken) =>
        ProgressBar.RunStages((progress, cancel) => RecommenderTraining.Train(data.Baskets, cutoff, data.Catalog, config,
            device, progress: progress, textEncoder: textEncoder, cancellationToken: cancel), cancellationToken);

    /// <summary>Prints what went wrong with the run in one line; exit code 2.</summary>
    public static int Fail(Exception exception)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]{exception.Message}[/]");
        return 2;
    }

    /// <summary>The errors a model command reports as a message rather than a stack trace: bad input, an
    /// unusable device, a checkpoint that does not fit (libtorch's own errors arrive as a plain
    /// <see cref="ExternalException"/>; its subclasses, such as a native crash's SEHException, are not the user's).</summary>
    public static bool IsUserError(Exception exception) =>
        exception is InvalidOperationException or ArgumentException or FileNotFoundException
            or DirectoryNotFoundException or FormatException or DataFormatException
        || exception.GetType() == typeof(ExternalException);

    private static DateTimeOffset ParseCutoff(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (DateTimeOffset.TryParseExact(text.Trim(), CutoffFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var cutoff))
        {
            return cutoff;
        }

        result.AddError($"--cutoff '{text}' is not a date: use YYYY-MM-DD or 'YYYY-MM-DD HH:MM:SS' (UTC).");
        return default;
    }

    private static ComputeDevice ParseDevice(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        try
        {
            return ComputeDevice.Parse(text);
        }
        catch (FormatException e)
        {
            result.AddError($"--device: {e.Message}.");
            return default;
        }
    }
}
