using System.Globalization;

namespace Recsys.Benchmarks;

/// <summary>Measurements of one run, printed as a table; ratios compare with a baseline measured in
/// the same run (absolute numbers on a shared 2-core machine are noisy).</summary>
internal sealed class Report
{
    private readonly List<(string Group, string Name, double Value, string Unit, double? Ratio)> _rows = [];

    public void Add(string group, string name, double value, string unit, double? ratioToBaseline = null)
    {
        _rows.Add((group, name, value, unit, ratioToBaseline));
        Console.WriteLine(Format(_rows[^1]));
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("| group | measurement | value | ratio to baseline |");
        Console.WriteLine("|---|---|---:|---:|");
        foreach (var row in _rows)
        {
            Console.WriteLine($"| {row.Group} | {row.Name} | {Value(row)} | {(row.Ratio is { } r ? r.ToString("0.000", CultureInfo.InvariantCulture) : "")} |");
        }
    }

    private static string Format((string Group, string Name, double Value, string Unit, double? Ratio) row) =>
        $"[{row.Group}] {row.Name}: {Value(row)}" + (row.Ratio is { } r ? $" (x{r.ToString("0.000", CultureInfo.InvariantCulture)} of baseline)" : "");

    private static string Value((string Group, string Name, double Value, string Unit, double? Ratio) row) =>
        row.Value.ToString(row.Value >= 100 ? "N0" : "0.000", CultureInfo.InvariantCulture) + " " + row.Unit;
}
