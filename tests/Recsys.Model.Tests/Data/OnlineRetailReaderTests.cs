using Recsys.Model.Data;
using Recsys.Model.Tests.Support;

namespace Recsys.Model.Tests.Data;

public sealed class OnlineRetailReaderTests : IDisposable
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Reads_quoted_descriptions_with_commas_and_quotes()
    {
        folder.Write("2010-12-01.csv", Header
            + "536365,22041,\"RECORD FRAME 7\"\" SINGLE, SIZE \",48,2010-12-01 08:26:00,2.1,16210.0,United Kingdom\n");

        var data = Read();

        var basket = Assert.Single(data.Baskets);
        Assert.Equal(new BasketLine("22041", 48, 2.1), Assert.Single(basket.Lines));
        Assert.Equal("RECORD FRAME 7\" SINGLE, SIZE", Assert.Single(data.Catalog).Title);
    }

    [Fact]
    public void Drops_cancellations_non_products_missing_customers_and_non_positive_numbers()
    {
        folder.Write("2010-12-01.csv", Header
            + "C536379,85123A,CANCELLED,6,2010-12-01 09:41:00,2.55,17850.0,United Kingdom\n"
            + "536380,POST,POSTAGE,1,2010-12-01 09:41:00,18.0,12583.0,France\n"
            + "536380,BANK CHARGES,Bank Charges,1,2010-12-01 09:41:00,15.0,12583.0,France\n"
            + "536380,12345ABC,TOO MANY LETTERS,1,2010-12-01 09:41:00,1.0,12583.0,France\n"
            + "536381,85123A,NO CUSTOMER,6,2010-12-01 09:41:00,2.55,,United Kingdom\n"
            + "536382,85123A,ZERO QUANTITY,0,2010-12-01 09:41:00,2.55,17850.0,United Kingdom\n"
            + "536383,85123A,FREE,6,2010-12-01 09:41:00,0,17850.0,United Kingdom\n"
            + "536384,85123a,KEPT,6,2010-12-01 09:41:00,2.55,17850.0,United Kingdom\n");

        var data = Read();

        var basket = Assert.Single(data.Baskets);
        Assert.Equal("536384", basket.Id);
        Assert.Equal("85123A", Assert.Single(basket.Lines).ItemId);
        Assert.Equal(new ImportStats(Files: 1, RawRows: 8, KeptRows: 1, BadRows: 0, Events: 1, Baskets: 1), data.Stats);
    }

    [Fact]
    public void Merges_rows_of_an_invoice_and_item_and_takes_the_basket_from_its_first_kept_row()
    {
        folder.Write("2010-12-01.csv", Header
            + "536365,POST,POSTAGE,1,2010-12-01 08:00:00,18.0,99999.0,Nowhere\n"
            + "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"
            + "536365,71053,LANTERN,2,2010-12-01 08:27:00,3.39,12345.0,France\n"
            + "536365,85123A,HEART,4,2010-12-01 08:28:00,2.75,17850.0,United Kingdom\n");

        var basket = Assert.Single(Read().Baskets);

        Assert.Equal(new DateTimeOffset(2010, 12, 1, 8, 26, 0, TimeSpan.Zero), basket.Time);
        Assert.Equal("17850", basket.CustomerId);
        Assert.Equal("United Kingdom", basket.Country);
        Assert.Equal([new BasketLine("85123A", 10, 2.55), new BasketLine("71053", 2, 3.39)], basket.Lines);
    }

    [Fact]
    public void Reports_unparseable_rows_with_file_and_line_and_goes_on()
    {
        var path = folder.Write("2010-12-01.csv", Header
            + "536365,85123A,HEART,six,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"
            + "536365,85123A,HEART,6,2010-12-01 08:26:00,cheap,17850.0,United Kingdom\n"
            + "536365,85123A,HEART,6,2010-13-45 08:26:00,2.55,17850.0,United Kingdom\n"
            + "536365,85123A,\"MULTI\nLINE\",6\n"
            + "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n");

        var data = Read();

        Assert.Equal(
            [
                $"{path}:2: Quantity 'six' is not an integer",
                $"{path}:3: UnitPrice 'cheap' is not a finite number",
                $"{path}:4: InvoiceDate '2010-13-45 08:26:00' is not a date 'yyyy-MM-dd HH:mm:ss'",
                $"{path}:5: expected 8 fields, found 4",
            ],
            data.Issues.Select(issue => issue.ToString()));
        Assert.Equal(new ImportStats(Files: 1, RawRows: 5, KeptRows: 1, BadRows: 4, Events: 1, Baskets: 1), data.Stats);
    }

    [Fact]
    public void Reads_files_in_name_order_then_folder_order()
    {
        const string Row = ",85123A,HEART,1,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n";
        folder.Write("b/2010-12-01.csv", Header + "3" + Row);
        folder.Write("a/2010-12-02.csv", Header + "4" + Row);
        folder.Write("a/2010-12-01.csv", Header + "1" + Row);
        folder.Write("b/2010-11-30.csv", Header + "2" + Row);
        folder.Write("a/notes.txt", "not a CSV");

        var data = OnlineRetailReader.Read([folder.File("a"), folder.File("b")]);

        // Same time everywhere: the order of appearance decides.
        Assert.Equal(["2", "1", "3", "4"], data.Baskets.Select(basket => basket.Id));
        Assert.Equal(4, data.Stats.Files);
    }

    [Fact]
    public void Rejects_a_wrong_header_naming_the_file()
    {
        var path = folder.Write("2010-12-01.csv", "Invoice,StockCode\n1,2\n");

        var error = Assert.Throws<DataFormatException>(Read);

        Assert.Equal(path, error.File);
        Assert.StartsWith($"{path}:1: expected the header InvoiceNo,StockCode,", error.Message);
    }

    [Fact]
    public void Rejects_an_empty_file_and_a_folder_without_files()
    {
        var path = folder.Write("2010-12-01.csv", "");
        Assert.Equal(path, Assert.Throws<DataFormatException>(Read).File);

        File.Delete(path);
        Assert.Throws<FileNotFoundException>(Read);
    }

    [Fact]
    public void Reports_progress_per_file()
    {
        folder.Write("2010-12-01.csv", Header + "1,85123A,HEART,1,2010-12-01 08:26:00,2.55,17850.0,UK\n");
        folder.Write("2010-12-02.csv", Header);
        var reports = new List<ImportProgress>();

        OnlineRetailReader.Read([folder.Path], new SynchronousProgress<ImportProgress>(reports.Add));

        Assert.Equal([new ImportProgress(1, 2, 1), new ImportProgress(2, 2, 1)], reports);
    }

    private OnlineRetailData Read() => OnlineRetailReader.Read([folder.Path]);
}
