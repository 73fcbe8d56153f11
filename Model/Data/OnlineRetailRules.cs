namespace Recsys.Model.Data;

/// <summary>The cleaning rules of protocol OR-NB (see EVALUATION.md and the reference
/// <c>or_baselines.py</c>): which Online Retail rows are purchases of a product by a known customer.</summary>
public static class OnlineRetailRules
{
    /// <summary>Keeps rows with a customer, a positive quantity and price, an invoice that is not a
    /// cancellation ('C' prefix) and a product stock code (see <see cref="IsProductStockCode"/>).</summary>
    public static bool Keep(string invoiceNo, string stockCode, int quantity, double unitPrice, string customerId) =>
        customerId.Length > 0
        && quantity > 0
        && unitPrice > 0
        && !invoiceNo.StartsWith('C')
        && IsProductStockCode(stockCode);

    /// <summary>Five digits and at most two letters (<c>^\d{5}[A-Za-z]{0,2}$</c>): drops POST, DOT, M,
    /// D, BANK CHARGES, AMAZONFEE and the like.</summary>
    public static bool IsProductStockCode(string stockCode)
    {
        if (stockCode.Length is < 5 or > 7)
        {
            return false;
        }

        for (var i = 0; i < stockCode.Length; i++)
        {
            var valid = i < 5 ? char.IsAsciiDigit(stockCode[i]) : char.IsAsciiLetter(stockCode[i]);
            if (!valid)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Trims the id and drops the float formatting of the source ("17850.0" → "17850").</summary>
    public static string NormalizeCustomerId(string customerId)
    {
        var trimmed = customerId.Trim();
        var dot = trimmed.IndexOf('.');
        return dot >= 0 && trimmed.AsSpan(dot + 1).IndexOfAnyExcept('0') < 0 ? trimmed[..dot] : trimmed;
    }
}
