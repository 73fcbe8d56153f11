using System.Globalization;

namespace Recsys.Cli.Tests;

/// <summary>A seeded Online Retail folder big enough to train on: customers re-buying favourite items, with a new
/// item now and then, every few days from 2011-01-03 for five months, one CSV file per day.</summary>
internal static class SyntheticRetailCsv
{
    public static readonly DateTime Start = new(2011, 1, 3, 9, 0, 0);

    public static void Write(string folder, int customers = 16, int items = 24, int days = 150)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(11);
        var rows = new SortedDictionary<DateTime, List<string>>();
        var invoice = 500000;
        for (var customer = 0; customer < customers; customer++)
        {
            var favourites = Enumerable.Range(0, 5).Select(_ => random.Next(items)).Distinct().ToArray();
            var country = customer % 3 == 0 ? "France" : "United Kingdom";
            for (var time = Start.AddHours(random.Next(24 * 7)); time < Start.AddDays(days); time = time.AddHours(24 * (2 + random.Next(9))))
            {
                invoice++;
                foreach (var item in favourites.Where(_ => random.NextDouble() < 0.6).Append(random.Next(items)).Distinct())
                {
                    var day = time.Date;
                    if (!rows.TryGetValue(day, out var dayRows))
                    {
                        rows[day] = dayRows = [];
                    }

                    dayRows.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{invoice},{22000 + item},\"PRODUCT LINE {(char)('A' + item / 6)}, DESIGN {item % 6}\",{1 + random.Next(6)},{time:yyyy-MM-dd HH:mm:ss},{1 + item % 5}.25,{12000 + customer}.0,{country}"));
                }
            }
        }

        foreach (var (day, dayRows) in rows)
        {
            File.WriteAllLines(Path.Combine(folder, $"{day:yyyy-MM-dd}.csv"),
                ["InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country", .. dayRows]);
        }
    }
}
