using Recsys.Benchmarks;

// Usage: dotnet run -c Release --project tests/Recsys.Benchmarks -- [orleans|http|cluster|memory|search|all] [seconds per measurement]
//        ... -- soak [minutes]   (a long mixed load; not part of "all")
// "cluster" starts Azurite and silo processes (scripts/install-azurite.sh installs Azurite).
// Absolute numbers depend on the machine and what else runs on it; the ratios compare with a baseline
// measured in the same run.
var what = args.Length > 0 ? args[0] : "all";
var seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
var duration = TimeSpan.FromSeconds(seconds);
var report = new Report();
if (what is "orleans" or "all")
{
    await OrleansBenchmark.Run(duration, report);
}
if (what is "http" or "all")
{
    await HttpBenchmark.Run(SampleFolder(), latencySamples: 2000, report);
}
if (what is "cluster" or "all")
{
    await ClusterBenchmark.Run(SampleFolder(), duration, report);
}
if (what is "memory" or "all")
{
    await MemoryBenchmark.Run(SampleFolder(), report);
}
if (what is "search" or "all")
{
    await SearchBenchmark.Run(SampleFolder(), latencySamples: 2000, report);
}
if (what is "soak")
{
    // Here the second argument counts minutes.
    await SoakBenchmark.Run(SampleFolder(), TimeSpan.FromMinutes(args.Length > 1 ? seconds : 30), report);
}
report.Print();

static string SampleFolder()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        var candidate = Path.Combine(directory.FullName, "data", "sample");
        if (Directory.Exists(candidate))
        {
            return candidate;
        }
    }
    throw new DirectoryNotFoundException("data/sample not found above " + AppContext.BaseDirectory);
}
