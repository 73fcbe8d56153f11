using System.Globalization;

namespace Recsys.Benchmarks;

/// <summary>Measurements of one run, printed as a table; ratios compare with a baseline measured in
/// the same run (absolute numbers on a shared 2-core machine are noisy).</summary>
internal sealed class Report
{
    private readonly List<(string Group, string Name, double Value, string Unit, double? Ratio)> _rows = [];
    private readonly List<string> _tables = [];

    public void Add(string group, string name, double value, string unit, double? ratioToBaseline = null)
    {
        _rows.Add((group, name, value, unit, ratioToBaseline));
        Console.WriteLine(Format(_rows[^1]));
    }

    /// <summary>A table of several values per row (for measurements that read best side by side), printed now and
    /// again before the summary.</summary>
    /// <param name="textColumns">The leading columns that hold words, left-aligned; the others are right-aligned.</param>
    public void AddTable(string group, string title, int textColumns, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"[{group}] {title}");
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Concat(header.Select((_, column) => column < textColumns ? "---|" : "---:|")));
        foreach (var row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }
        _tables.Add(text.ToString());
        Console.WriteLine();
        Console.Write(_tables[^1]);
    }

    public void Print()
    {
        foreach (var table in _tables)
        {
            Console.WriteLine();
            Console.Write(table);
        }
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
