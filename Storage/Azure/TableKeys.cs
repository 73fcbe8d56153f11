using System.Globalization;
using System.Text;

namespace Recsys.Storage.Azure;

internal static class TableKeys
{
    /// <summary>Table keys may not hold '/', '\', '#', '?' or control characters: those (and '%' itself) are written as
    /// %XX, so every id has a key of its own.</summary>
    public static string Escape(string id)
    {
        var key = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                key.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                key.Append(c);
            }
        }
        return key.ToString();
    }
}
