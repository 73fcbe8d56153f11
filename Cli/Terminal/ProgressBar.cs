using Spectre.Console;

namespace Recsys.Cli.Terminal;

/// <summary>Progress bars for long work. The work reports through <see cref="IProgress{T}"/>; the bar
/// shows a value out of a total, with the rate and time left.</summary>
internal static class ProgressBar
{
    public static async Task<T> Run<T>(string description, Func<Action<double, double>, Task<T>> work)
    {
        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
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
}
