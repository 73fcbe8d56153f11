using System.Globalization;
using Recsys.Grains.Interfaces;
using Spectre.Console;

namespace Recsys.Cli.Terminal;

/// <summary>Ranked items as a table: position, id, title, score and why.</summary>
internal static class RecommendationTable
{
    /// <summary>The caption is followed by who ranked the list: the model and its version, or the mix and why.</summary>
    public static Table Render(string caption, RecommendationList list) =>
        Render(caption + "\n" + Markup.Escape(list.Strategy + (list.ModelVersion is { } version ? $" {version}" : "")
                                              + (list.Fallback is { } fallback ? $" ({fallback})" : "")),
            list.Items.Select(item => (item.ItemId, item.Title ?? "", item.Score, item.Reason)));

    public static Table Render(string caption, IEnumerable<FoundItem> items) =>
        Render(caption, items.Select(item => (item.ItemId, item.Title, item.Score, item.Reason)));

    private static Table Render(string caption, IEnumerable<(string ItemId, string Title, double Score, string Reason)> rows)
    {
        var table = new Table().Title(caption).AddColumns("#", "item", "title", "score", "why");
        var position = 0;
        foreach (var (itemId, title, score, reason) in rows)
        {
            table.AddRow(
                (++position).ToString(CultureInfo.InvariantCulture),
                Markup.Escape(itemId),
                Markup.Escape(title),
                score.ToString("0.000", CultureInfo.InvariantCulture),
                Markup.Escape(reason));
        }
        return table;
    }
}
