using System.Diagnostics;
using System.Globalization;
using Recsys.Model.Data;
using Recsys.Model.Evaluation;
using Recsys.Model.Ranking;
using Recsys.Ranking.Evaluation;

// One run of protocol OR-NB with the baselines and the learned ranker's variants: the measurement of
// Model/Ranking/README.md. Usage:
//   dotnet run -c Release --project tests/Recsys.Ranking.Evaluation -- [--cutoff 2011-09-01] [--data DIR]
//       [--json FILE] [--diagnostics]
// --diagnostics adds candidate recall, the explore-weight sweep and feature importance: for validation
// cutoffs (e.g. 2011-08-01), where designs are chosen.
var arguments = Arguments.Parse(args);
var clock = Stopwatch.StartNew();
var data = OnlineRetailReader.Read([arguments.DataDirectory]);
Console.WriteLine($"read {data.Baskets.Count:N0} baskets in {clock.Elapsed.TotalSeconds:0.0} s; "
                  + $"cutoff {arguments.Cutoff:u}");

var progress = new ConsoleProgress();
var mlp = new ScorerOptions();
var learned = new LearnedRankTrainer(new RankingOptions(),
    [
        new ScorerVariant("LEARNED-RANK-LR", mlp with { HiddenUnits = 0 }, ExploreWeight: 0.25),
        new ScorerVariant("LEARNED-RANK-PROB", mlp),
        new ScorerVariant(LearnedRankTrainer.DefaultMethodName, mlp, ExploreWeight: 0.25),
        new ScorerVariant("LEARNED-RANK-EXPLORE", mlp, ExploreWeight: 2),
    ],
    data.Catalog.ToDictionary(item => item.Id, item => item.Title, StringComparer.Ordinal),
    progress);
var result = OfflineEvaluator.Run(data.Baskets, arguments.Cutoff, [new BaselineTrainer(), learned], progress);

Console.WriteLine();
Console.WriteLine("| Method | HR@10 | Recall@10 | NDCG@10 | NewRecall@10 | ranking s |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
foreach (var method in result.Methods)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {method.Name} | {method.HitRate:0.0000} | "
        + $"{method.Recall:0.0000} | {method.Ndcg:0.0000} | {method.NewRecall:0.0000} | {method.Seconds:0.0} |"));
}

Console.WriteLine();
foreach (var timing in result.WallTimes)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wall time {timing.Stage}: {timing.Seconds:0.0} s"));
}

if (learned.LastTrainingSet is { RowCount: > 0 } trainingSet)
{
    Console.WriteLine($"training set: {trainingSet.CaseCount:N0} cases, {trainingSet.RowCount:N0} rows, "
                      + $"{trainingSet.Labels.Count(label => label > 0):N0} positives, {trainingSet.Cuts.Count} cuts "
                      + $"{trainingSet.Cuts[0]:yyyy-MM-dd} .. {trainingSet.Cuts[^1]:yyyy-MM-dd}");
}

if (arguments.Diagnostics)
{
    var split = EvaluationSplit.Create(data.Baskets, arguments.Cutoff);
    var probabilityRanking = learned.LastMethods.Single(method => method.Name == "LEARNED-RANK-PROB");
    Diagnostics.CandidateRecall(probabilityRanking, split);
    Diagnostics.ExploreSweep(learned.LastMethods.Single(method => method.Name == "LEARNED-RANK-LR"), split);
    Diagnostics.ExploreSweep(probabilityRanking, split);
    Diagnostics.FeatureImportance(probabilityRanking, split);
}

if (arguments.JsonPath is { } jsonPath)
{
    File.WriteAllText(jsonPath, result.ToJson());
}

/// <summary>The command line: where the data is, the cutoff, where to write the JSON result, diagnostics.</summary>
internal sealed record Arguments(string DataDirectory, DateTimeOffset Cutoff, string? JsonPath, bool Diagnostics)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            values[args[i]] = hasValue ? args[++i] : "";
        }

        var cutoff = values.TryGetValue("--cutoff", out var cutoffText)
            ? DateTimeOffset.Parse(cutoffText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : OfflineEvaluator.DevCutoff;
        return new Arguments(values.GetValueOrDefault("--data") ?? FindSharedData(), cutoff,
            values.GetValueOrDefault("--json"), values.ContainsKey("--diagnostics"));
    }

    private static string FindSharedData()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null;
             directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data", "online-retail", "by-day");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("no shared/data/online-retail/by-day above the binaries: pass --data DIR");
    }
}

/// <summary>Prints each stage's progress on one line, at the start, every quarter and the end.</summary>
internal sealed class ConsoleProgress : IProgress<EvaluationProgress>
{
    private readonly Lock gate = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private string? stage;
    private int lastPercent = -1;

    public void Report(EvaluationProgress value)
    {
        lock (gate)
        {
            var percent = value.Total > 0 ? 100 * value.Completed / value.Total : 100;
            if (value.Stage == stage && percent < lastPercent + 25 && value.Completed != value.Total)
            {
                return;
            }

            (stage, lastPercent) = (value.Stage, percent);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{clock.Elapsed.TotalSeconds,6:0.0} s] {value.Stage}: {value.Completed}/{value.Total}"));
        }
    }
}
