using Recsys.Benchmarks;

// Usage: dotnet run -c Release --project tests/Recsys.Benchmarks -- [orleans|http|cluster|memory|search|all] [seconds per measurement]
//        ... -- soak [minutes]   (a long mixed load; not part of "all")
//        ... -- forward   (the model's pass of the network for 64 and 512 users; not part of "all")
//        ... -- model [smoke] [retrain]   (the served model, trained into artifacts/bench/model first, once: about
//                                          6 minutes on a quiet machine after that, "smoke" 1-2; not part of "all")
// "cluster" starts Azurite and silo processes (scripts/install-azurite.sh installs Azurite).
// Absolute numbers depend on the machine and what else runs on it; the ratios compare with a baseline
// measured in the same run.
var what = args.Length > 0 ? args[0] : "all";
// Read only by the groups that take a number: "model" takes words.
double Number(double fallback) => args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
var report = new Report();
if (what is "orleans" or "all")
{
    await OrleansBenchmark.Run(TimeSpan.FromSeconds(Number(5)), report);
}
if (what is "http" or "all")
{
    await HttpBenchmark.Run(SampleFolder(), latencySamples: 2000, report);
}
if (what is "cluster" or "all")
{
    await ClusterBenchmark.Run(SampleFolder(), TimeSpan.FromSeconds(Number(5)), report);
}
if (what is "memory" or "all")
{
    await MemoryBenchmark.Run(SampleFolder(), report);
}
if (what is "search" or "all")
{
    await SearchBenchmark.Run(SampleFolder(), BenchModelFolder(), latencySamples: 2000, report);
}
if (what is "soak")
{
    // Here the second argument counts minutes.
    await SoakBenchmark.Run(SampleFolder(), TimeSpan.FromMinutes(Number(30)), report);
}
if (what is "forward")
{
    ForwardBenchmark.Run(SampleFolder(), BenchModelFolder(), report);
}
if (what is "model")
{
    var flags = args.Skip(1).ToHashSet(StringComparer.Ordinal);
    if (flags.Except(["smoke", "retrain"]).FirstOrDefault() is { } unknown)
    {
        Console.Error.WriteLine($"model: unknown argument '{unknown}' (smoke: a few hundred requests per row, to check the benchmark runs; retrain: train the model again)");
        return 2;
    }
    await ModelBenchmark.Run(SampleFolder(), BenchModelFolder(),
        smoke: flags.Contains("smoke"), retrain: flags.Contains("retrain"), report);
}
report.Print();
return 0;

// The build copies data/sample beside the binaries: the first one above them is that copy.
static string SampleFolder() => Path.Combine(FolderAbove(Path.Combine("data", "sample")), "data", "sample");

static string RepositoryRoot() => FolderAbove("Recsys.Orleans.sln");

// The default model on the sample, trained once by the first group that needs it.
static string BenchModelFolder() => Path.Combine(RepositoryRoot(), "artifacts", "bench", "model");

/// <summary>The nearest folder above the binaries that holds <paramref name="relativePath"/> (a file or folder).</summary>
static string FolderAbove(string relativePath)
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        var candidate = Path.Combine(directory.FullName, relativePath);
        if (Directory.Exists(candidate) || File.Exists(candidate))
        {
            return directory.FullName;
        }
    }
    throw new DirectoryNotFoundException(relativePath + " not found above " + AppContext.BaseDirectory);
}
