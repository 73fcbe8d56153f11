namespace Recsys.Cli.Tests;

/// <summary>A tiny Online Retail folder: two days, a cancelled invoice, a postage line, a row
/// without a customer, and quoted descriptions with commas.</summary>
internal static class RetailCsv
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "2011-10-01.csv"),
        [
            Header,
            "600001,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2011-10-01 08:26:00,2.55,17850.0,United Kingdom",
            "600001,71053,WHITE METAL LANTERN,6,2011-10-01 08:26:00,3.39,17850.0,United Kingdom",
            "600001,POST,POSTAGE,1,2011-10-01 08:26:00,18.0,17850.0,United Kingdom",
            "600002,22752,\"SET 7 BABUSHKA NESTING BOXES, LARGE\",2,2011-10-01 09:01:00,7.65,12680.0,France",
            "600002,85123A,WHITE HANGING HEART T-LIGHT HOLDER,2,2011-10-01 09:01:00,2.55,12680.0,France",
            "C600003,85123A,WHITE HANGING HEART T-LIGHT HOLDER,-1,2011-10-01 10:00:00,2.55,17850.0,United Kingdom",
            "600004,22752,\"SET 7 BABUSHKA NESTING BOXES, LARGE\",1,2011-10-01 11:00:00,7.65,,United Kingdom",
        ]);
        File.WriteAllLines(Path.Combine(folder, "2011-10-02.csv"),
        [
            Header,
            "600005,71053,WHITE METAL LANTERN,3,2011-10-02 10:00:00,3.39,12680.0,France",
            "600005,22752,\"SET 7 BABUSHKA NESTING BOXES, LARGE\",1,2011-10-02 10:00:00,7.65,12680.0,France",
            "600006,85123A,WHITE HANGING HEART T-LIGHT HOLDER,4,2011-10-02 12:00:00,2.55,13047.0,United Kingdom",
        ]);
    }
}
