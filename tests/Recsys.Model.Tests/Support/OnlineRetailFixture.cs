using Recsys.Model.Data;
using Recsys.Model.Evaluation;

namespace Recsys.Model.Tests.Support;

/// <summary>The shared Online Retail data, read once for all the tests that need it. Found through the
/// RECSYS_SHARED_DIR environment variable (the shared folder), else by walking up from the test binaries
/// to a folder holding shared/data/online-retail/by-day.</summary>
public sealed class OnlineRetailFixture
{
    private const string ByDayInShared = "data/online-retail/by-day";

    private readonly Lazy<OnlineRetailData?> data;

    public OnlineRetailFixture()
    {
        ByDayDirectory = FindByDayDirectory();
        data = new Lazy<OnlineRetailData?>(
            () => ByDayDirectory is null ? null : OnlineRetailReader.Read([ByDayDirectory]));
        DevSplitResult = new Lazy<EvaluationResult>(
            () => OfflineEvaluator.Run(Data.Baskets, OfflineEvaluator.DevCutoff, [new BaselineTrainer()]));
    }

    /// <summary>The baselines on the dev split; read <see cref="Data"/> first so a missing data set skips.</summary>
    public Lazy<EvaluationResult> DevSplitResult { get; }

    public string? ByDayDirectory { get; }

    public string MissingMessage =>
        $"the Online Retail data was not found: set RECSYS_SHARED_DIR to the shared folder or put {ByDayInShared} "
        + $"under a 'shared' folder above {AppContext.BaseDirectory}";

    /// <summary>The data; skips the calling test when it is not there.</summary>
    public OnlineRetailData Data
    {
        get
        {
            Skip.If(data.Value is null, MissingMessage);
            return data.Value!;
        }
    }

    private static string? FindByDayDirectory()
    {
        var sharedDirectory = Environment.GetEnvironmentVariable("RECSYS_SHARED_DIR");
        if (!string.IsNullOrEmpty(sharedDirectory))
        {
            var fromEnvironment = Path.Combine(sharedDirectory, ByDayInShared);
            return Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        for (; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", ByDayInShared);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
