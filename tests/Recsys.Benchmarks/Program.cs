using Recsys.Benchmarks;

// Usage: dotnet run -c Release --project tests/Recsys.Benchmarks -- [runtime|http|all] [seconds per measurement]
var what = args.Length > 0 ? args[0] : "all";
var seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
var duration = TimeSpan.FromSeconds(seconds);
var report = new Report();
if (what is "runtime" or "all")
{
    await RuntimeBenchmark.Run(duration, report);
}
report.Print();
