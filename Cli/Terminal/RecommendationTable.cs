using System.Globalization;
using Recsys.Grains.Interfaces;
using Spectre.Console;

namespace Recsys.Cli.Terminal;

internal static class RecommendationTable
{
    public static Table Render(string caption, RecommendationList list)
    {
        var table = new Table().Title(caption).AddColumns("#", "item", "title", "score", "why");
        for (var i = 0; i < list.Items.Count; i++)
        {
            var item = list.Items[i];
            table.AddRow(
                (i + 1).ToString(CultureInfo.InvariantCulture),
                Markup.Escape(item.ItemId),
                Markup.Escape(item.Title ?? ""),
                item.Score.ToString("0.000", CultureInfo.InvariantCulture),
                Markup.Escape(item.Reason));
        }
        return table;
    }
}
