using System.Globalization;
using Recsys.Model.Recommender;
using Spectre.Console;

namespace Recsys.Cli.Terminal;

/// <summary>Progress bars for long work. The work reports through <see cref="IProgress{T}"/>; the bar
/// shows a value out of a total, with the rate and time left.</summary>
internal static class ProgressBar
{
    public static async Task<T> Run<T>(string description, Func<Action<double, double>, Task<T>> work)
    {
        T result = default!;
        await Start(async context =>
        {
            var task = context.AddTask(description, maxValue: 1);
            result = await work((value, total) =>
            {
                task.MaxValue = Math.Max(total, 1);
                task.Value = Math.Min(value, task.MaxValue);
            });
            task.Value = task.MaxValue;
        });
        return result;
    }

    /// <summary>Runs CPU-bound work on a worker thread with one bar per stage it reports ("training cases",
    /// "towers: epoch 2/4", ...), each with the stage's loss when it has one and its time left.</summary>
    public static async Task<T> RunStages<T>(Func<IProgress<TrainingStageProgress>, CancellationToken, T> work,
        CancellationToken cancellationToken)
    {
        T result = default!;
        await Start(async context =>
        {
            var bars = new StageBars(context);
            result = await Task.Run(() => work(bars, cancellationToken), cancellationToken);
            bars.CompleteAll();
        });
        return result;
    }

    private static Task Start(Func<ProgressContext, Task> action) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(),
                new RemainingTimeColumn())
            .StartAsync(action);

    /// <summary>A bar per stage, made when the stage first reports; reports may come from any thread.</summary>
    private sealed class StageBars(ProgressContext context) : IProgress<TrainingStageProgress>
    {
        private readonly Lock gate = new();
        private readonly Dictionary<string, ProgressTask> bars = new(StringComparer.Ordinal);

        public void Report(TrainingStageProgress value)
        {
            lock (gate)
            {
                if (!bars.TryGetValue(value.Stage, out var bar))
                {
                    // A new stage means the earlier ones are done, whatever they last reported.
                    CompleteAll();
                    bars[value.Stage] = bar = context.AddTask(Markup.Escape(value.Stage), maxValue: 1);
                }

                bar.MaxValue = Math.Max(value.Total, 1);
                bar.Value = Math.Min(value.Completed, bar.MaxValue);
                if (value.Loss is { } loss)
                {
                    bar.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                        $"{value.Stage}  loss {loss:0.0000}"));
                }
            }
        }

        public void CompleteAll()
        {
            lock (gate)
            {
                foreach (var bar in bars.Values)
                {
                    bar.Value = bar.MaxValue;
                }
            }
        }
    }
}
