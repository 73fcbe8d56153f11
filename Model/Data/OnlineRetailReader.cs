using System.Globalization;
using System.Text;

namespace Recsys.Model.Data;

/// <summary>Reads the UCI Online Retail by-day CSV folders and applies the OR-NB cleaning and basket rules.</summary>
/// <remarks>
/// Files are read in file-name order (then folder order), rows in file order. The data's times are the
/// retailer's local UK times; they are taken as UTC as they are (the difference is at most an hour of
/// summer time and the protocol only compares times with each other).
/// Rows whose quantity, unit price or date cannot be parsed, or that have too few fields, are counted as
/// bad and skipped with their file and line; they never stop the import.
/// </remarks>
public static class OnlineRetailReader
{
    public const int MaxIssuesListed = 100;

    public static IReadOnlyList<string> Header { get; } =
        ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"];

    /// <summary>The CSV files of the folders in reading order: by file name, then by folder order.</summary>
    public static IReadOnlyList<string> ListFiles(IReadOnlyList<string> directories)
    {
        var options = new EnumerationOptions { MatchType = MatchType.Simple, MatchCasing = MatchCasing.CaseSensitive };
        var files = directories
            .SelectMany((directory, order) => Directory.EnumerateFiles(directory, "*.csv", options)
                .Where(path => !Path.GetFileName(path).StartsWith('.'))
                .Select(path => (Name: Path.GetFileName(path), order, path)))
            .OrderBy(file => file.Name, StringComparer.Ordinal)
            .ThenBy(file => file.order)
            .ThenBy(file => file.path, StringComparer.Ordinal)
            .Select(file => file.path)
            .ToList();
        return files.Count > 0
            ? files
            : throw new FileNotFoundException($"no CSV files found in {string.Join(", ", directories)}");
    }

    public static OnlineRetailData Read(IReadOnlyList<string> directories,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var files = ListFiles(directories);
        var import = new Import();
        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            import.ReadFile(files[i]);
            progress?.Report(new ImportProgress(i + 1, files.Count, import.RawRows));
        }

        return import.ToData(files.Count);
    }

    /// <summary>The state of one import across its files.</summary>
    private sealed class Import
    {
        private const int FieldCount = 8;

        private readonly BasketAssembler baskets = new();
        private readonly CatalogBuilder catalog = new();
        private readonly List<ImportIssue> issues = [];
        private readonly List<string> fields = new(FieldCount + 2);

        // Rows of one invoice share their date text: parsing it once per run of equal texts is much faster.
        private string? lastDateText;
        private DateTimeOffset lastDate;

        public long RawRows { get; private set; }

        private long KeptRows { get; set; }

        private long BadRows { get; set; }

        public void ReadFile(string path)
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true,
                new FileStreamOptions { BufferSize = 1 << 16 });
            var csv = new CsvRecordReader(reader);
            CheckHeader(path, csv);
            while (true)
            {
                try
                {
                    if (!csv.TryRead(fields))
                    {
                        return;
                    }
                }
                catch (FormatException e)
                {
                    RawRows++;
                    Skip(path, csv.RecordLine, e.Message);
                    return;
                }

                if (fields.Count > 0)
                {
                    RawRows++;
                    ReadRow(path, csv.RecordLine);
                }
            }
        }

        public OnlineRetailData ToData(int fileCount) => new()
        {
            Baskets = baskets.Build(),
            Catalog = catalog.Build(),
            Stats = new ImportStats(fileCount, RawRows, KeptRows, BadRows, baskets.LineCount, baskets.BasketCount),
            Issues = issues,
        };

        private void CheckHeader(string path, CsvRecordReader csv)
        {
            var expected = string.Join(',', Header);
            if (!csv.TryRead(fields))
            {
                throw new DataFormatException(path, null, $"the file is empty; expected the header {expected}");
            }

            if (fields.Count < FieldCount || !fields.Take(FieldCount).SequenceEqual(Header))
            {
                throw new DataFormatException(path, csv.RecordLine,
                    $"expected the header {expected} but found {string.Join(',', fields)}");
            }
        }

        private void ReadRow(string path, long line)
        {
            if (fields.Count < FieldCount)
            {
                Skip(path, line, $"expected {FieldCount} fields, found {fields.Count}");
                return;
            }

            var (invoiceNo, stockCode, description, quantityText, dateText, priceText, customerText, country) =
                (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7]);
            if (!int.TryParse(quantityText, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite
                    | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var quantity))
            {
                Skip(path, line, $"Quantity '{quantityText}' is not an integer");
                return;
            }

            if (!double.TryParse(priceText, NumberStyles.Float, CultureInfo.InvariantCulture, out var unitPrice)
                || !double.IsFinite(unitPrice))
            {
                Skip(path, line, $"UnitPrice '{priceText}' is not a finite number");
                return;
            }

            if (!TryParseDate(dateText, out var time))
            {
                Skip(path, line, $"InvoiceDate '{dateText}' is not a date 'yyyy-MM-dd HH:mm:ss'");
                return;
            }

            var customerId = OnlineRetailRules.NormalizeCustomerId(customerText);
            if (!OnlineRetailRules.Keep(invoiceNo, stockCode, quantity, unitPrice, customerId))
            {
                return;
            }

            KeptRows++;
            var itemId = stockCode.ToUpperInvariant();
            baskets.Add(invoiceNo, time, customerId, country, itemId, quantity, unitPrice);
            catalog.Add(itemId, description, unitPrice);
        }

        private bool TryParseDate(string text, out DateTimeOffset time)
        {
            if (text != lastDateText)
            {
                // Single-letter patterns also accept one-digit fields, as Python's strptime does.
                if (!DateTime.TryParseExact(text, "yyyy-M-d H:m:s", CultureInfo.InvariantCulture,
                        DateTimeStyles.None, out var local))
                {
                    time = default;
                    return false;
                }

                lastDateText = text;
                lastDate = new DateTimeOffset(local, TimeSpan.Zero);
            }

            time = lastDate;
            return true;
        }

        private void Skip(string path, long line, string problem)
        {
            BadRows++;
            if (issues.Count < MaxIssuesListed)
            {
                issues.Add(new ImportIssue(path, line, problem));
            }
        }
    }
}
