using Recsys.Model.Data;

namespace Recsys.Model.Tests.Data;

public sealed class OnlineRetailRulesTests
{
    [Theory]
    [InlineData("85123", true)]
    [InlineData("85123A", true)]
    [InlineData("85123ab", true)]
    [InlineData("85123ABC", false)]
    [InlineData("8512", false)]
    [InlineData("POST", false)]
    [InlineData("D", false)]
    [InlineData("M", false)]
    [InlineData("BANK CHARGES", false)]
    [InlineData("AMAZONFEE", false)]
    [InlineData("85123 ", false)]
    [InlineData("8512A3", false)]
    public void Recognises_product_stock_codes(string stockCode, bool expected) =>
        Assert.Equal(expected, OnlineRetailRules.IsProductStockCode(stockCode));

    [Theory]
    [InlineData("17850.0", "17850")]
    [InlineData(" 17850.00 ", "17850")]
    [InlineData("17850", "17850")]
    [InlineData("17850.5", "17850.5")]
    [InlineData("", "")]
    public void Normalizes_customer_ids(string raw, string expected) =>
        Assert.Equal(expected, OnlineRetailRules.NormalizeCustomerId(raw));

    [Theory]
    [InlineData("536365", "85123A", 6, 2.55, "17850", true)]
    [InlineData("C536379", "85123A", 6, 2.55, "17850", false)]
    [InlineData("536365", "POST", 6, 2.55, "17850", false)]
    [InlineData("536365", "85123A", 0, 2.55, "17850", false)]
    [InlineData("536365", "85123A", -1, 2.55, "17850", false)]
    [InlineData("536365", "85123A", 6, 0.0, "17850", false)]
    [InlineData("536365", "85123A", 6, 2.55, "", false)]
    public void Keeps_only_clean_purchases(string invoice, string stockCode, int quantity, double price,
        string customer, bool expected) =>
        Assert.Equal(expected, OnlineRetailRules.Keep(invoice, stockCode, quantity, price, customer));
}
