using Recsys.Model.Data;
using Recsys.Model.Recommender;
using Recsys.Model.Tensors;
using Spectre.Console;

namespace Recsys.Cli.Commands;

/// <summary>The model the demo serves: a small one (<see cref="RecommenderConfig.Small"/>) trained once on the
/// bundled sample and kept beside the demo's database, so later runs start at once.</summary>
internal static class DemoModel
{
    /// <summary>The day after the sample's last: the model learns from all of it, and the demo's scenes (2011-11-01)
    /// come after its snapshot.</summary>
    public static readonly DateTimeOffset Cutoff = new(2011, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The checkpoint directory, trained first when it is not there or <paramref name="retrain"/> says so;
    /// null (after saying why) when libtorch is missing or the data cannot train a model, and the demo then serves the
    /// non-learned mix.</summary>
    public static async Task<string?> Ensure(string dataFolder, string directory, bool retrain, CancellationToken cancellationToken)
    {
        if (!TorchRuntime.IsAvailable)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"[yellow]No learned model:[/] {TorchRuntime.UnavailableReason}. The non-learned mix answers instead.");
            return null;
        }

        if (!retrain && File.Exists(Path.Combine(directory, ServingSnapshot.DirectoryName, ServingSnapshot.InfoFileName)))
        {
            AnsiConsole.MarkupLineInterpolated($"Model: {directory} (trained earlier; --retrain trains it again).");
            return directory;
        }

        if (await ModelCommandOptions.ReadData(dataFolder, cancellationToken) is not { } data)
        {
            return null;
        }

        AnsiConsole.MarkupLineInterpolated($"Training a small model on the sample's baskets before {Cutoff:yyyy-MM-dd} (about a minute, once)...");
        try
        {
            using var model = await ModelCommandOptions.Train(data, Cutoff, RecommenderConfig.Small, ComputeDevice.Cpu, null, cancellationToken);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            RecommenderCheckpoint.Save(model, directory, data.Baskets, Cutoff, data.Catalog);
            AnsiConsole.MarkupLineInterpolated($"Model: {directory}, {model.ParameterCount:N0} parameters.");
            return directory;
        }
        catch (Exception e) when (ModelCommandOptions.IsUserError(e))
        {
            // Data too small to learn from, for one: the demo goes on with what it can serve.
            AnsiConsole.MarkupLineInterpolated($"[yellow]No learned model:[/] {e.Message} The non-learned mix answers instead.");
            return null;
        }
    }
}
