using System.CommandLine;
using System.Globalization;
using Recsys.Cli.Terminal;
using Recsys.Model.Data;
using Spectre.Console;

namespace Recsys.Cli.Commands;

/// <summary><c>recsys import online-retail</c>: UCI Online Retail CSVs to the project's event and
/// catalog files, with the cleaning rules of the evaluation protocol.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var data = new Option<string[]>("--data")
        {
            Description = "Folder(s) of by-day CSV files (InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string>("--out") { Description = "Folder for events.ndjson.gz and catalog.ndjson.gz.", Required = true };
        var sample = new Option<bool>("--sample") { Description = "Write a deterministic sample of whole customers (all countries) instead of everything." };
        var maxBytes = new Option<long>("--sample-bytes")
        {
            Description = "Size budget of the compressed sample files.",
            DefaultValueFactory = _ => new SampleOptions().MaxBytes,
        };
        var onlineRetail = new Command("online-retail", "Import the UCI Online Retail transactions (Chen, Sain & Guo 2012; UCI ML Repository; CC BY 4.0).")
        {
            data, output, sample, maxBytes,
        };
        onlineRetail.SetAction(async (parse, cancellationToken) =>
            await Run(parse.GetRequiredValue(data), parse.GetRequiredValue(output), parse.GetValue(sample), parse.GetValue(maxBytes), cancellationToken));
        return new Command("import", "Convert external data to the project's event and catalog files.") { onlineRetail };
    }

    private static async Task<int> Run(string[] folders, string output, bool sample, long sampleBytes, CancellationToken cancellationToken)
    {
        var missing = folders.Where(f => !Directory.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]No such folder:[/] {string.Join(", ", missing)}");
            return 2;
        }
        var data = await ProgressBar.Run("Reading CSV files", report => Task.Run(() =>
            OnlineRetailReader.Read(folders, new Progress<ImportProgress>(p => report(p.FilesRead, p.FileCount)), cancellationToken), cancellationToken));

        string eventsPath, catalogPath;
        int events, items;
        if (sample)
        {
            var subset = OnlineRetailSample.Build(data, new SampleOptions { MaxBytes = sampleBytes }, cancellationToken);
            (eventsPath, catalogPath) = subset.Write(output);
            events = subset.Baskets.Sum(b => b.Lines.Count);
            items = subset.Catalog.Count;
            AnsiConsole.MarkupLineInterpolated($"Sample: {subset.Customers} customers from {subset.Countries.Count} countries, {subset.CompressedBytes / 1024.0 / 1024.0:0.00} MiB compressed.");
        }
        else
        {
            Directory.CreateDirectory(output);
            eventsPath = Path.Combine(output, ProjectFiles.EventsFileName);
            catalogPath = Path.Combine(output, ProjectFiles.CatalogFileName);
            events = ProjectFiles.WriteEvents(eventsPath, BasketEvents.ToEvents(data.Baskets));
            items = ProjectFiles.WriteCatalog(catalogPath, data.Catalog);
        }

        var stats = data.Stats;
        var table = new Table().AddColumns("", "count").HideHeaders();
        foreach (var (name, value) in new (string, long)[]
                 {
                     ("files", stats.Files), ("raw rows", stats.RawRows), ("kept rows", stats.KeptRows), ("bad rows (skipped)", stats.BadRows),
                     ("baskets", stats.Baskets), ("events written", events), ("catalog items written", items),
                 })
        {
            table.AddRow(name, value.ToString("N0", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
        foreach (var issue in data.Issues.Take(10))
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]skipped[/] {issue.ToString()}");
        }
        AnsiConsole.MarkupLineInterpolated($"Wrote {eventsPath} and {catalogPath}.");
        return 0;
    }
}
