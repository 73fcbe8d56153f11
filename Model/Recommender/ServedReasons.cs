using System.Globalization;
using Recsys.Grains.Interfaces;
using Recsys.Model.Evaluation;
using Recsys.Model.Ranking;

namespace Recsys.Model.Recommender;

/// <summary>Why a served model proposed an item, in the words the non-learned mix uses, from the candidate's
/// sources and the snapshot's facts: "bought before (3 times, last on 2011-10-02)", "often bought with X",
/// "like Y you bought", "popular in Germany in the last 60 days".</summary>
internal sealed class ServedReasons(PurchaseHistory history, IReadOnlyDictionary<string, ItemInfo> catalog)
{
    private const string SimilarCustomers = "bought by customers who buy what you buy";
    private const string Retrieved = "close to your taste by the model's item vectors";

    public (RecommendationSource Source, string Reason) Explain(RecommendationQuery query, string itemId,
        CandidateSources sources)
    {
        if (!history.Customers.TryGetValue(query.CustomerId, out var customer) || !history.Items.TryGetNumber(itemId, out var item))
        {
            return Popular(query, sources);
        }

        if (sources.HasFlag(CandidateSources.Repeat) && customer.Items.TryGetValue(item, out var purchases))
        {
            var last = Day(purchases.LastDay);
            return (RecommendationSource.Repeat, purchases.Count == 1
                ? $"bought before (on {last})"
                : $"bought before ({purchases.Count} times, last on {last})");
        }

        if (sources.HasFlag(CandidateSources.ItemKnn)
            && Closest(history.Neighbourhood, RecentItems(customer), item) is { } boughtWith)
        {
            return (RecommendationSource.CoOccurrence, $"often bought with {Title(boughtWith)}");
        }

        if (sources.HasFlag(CandidateSources.Title)
            && Closest(history.Titles.Neighbourhood, customer.Items.Keys, item) is { } alike)
        {
            return (RecommendationSource.Model, $"like {Title(alike)} you bought");
        }

        return sources.HasFlag(CandidateSources.CustomerKnn) ? (RecommendationSource.Model, SimilarCustomers)
            : sources.HasFlag(CandidateSources.Retrieval) ? (RecommendationSource.Model, Retrieved)
            : Popular(query, sources);
    }

    private (RecommendationSource, string) Popular(RecommendationQuery query, CandidateSources sources)
    {
        var window = $"in the last {history.Options.LongPopularityWindowDays.ToString(CultureInfo.InvariantCulture)} days";
        return sources.HasFlag(CandidateSources.Popular) && history.InCountry(query.Country) is not null
            ? (RecommendationSource.PopularInLocation, $"popular in {query.Country} {window}")
            : (RecommendationSource.Popular, $"popular {window}");
    }

    /// <summary>The items of the customer's baskets that item-kNN reads (see <see cref="RankingOptions.ItemKnnRecentBaskets"/>).</summary>
    private IEnumerable<int> RecentItems(CustomerHistory customer) =>
        customer.Baskets.Skip(Math.Max(0, customer.Baskets.Count - history.Options.ItemKnnRecentBaskets))
            .SelectMany(basket => basket.Items);

    /// <summary>Of <paramref name="items"/>, the one with <paramref name="item"/> most similar among its neighbours.</summary>
    private static int? Closest(ItemNeighbourhood neighbourhood, IEnumerable<int> items, int item)
    {
        int? closest = null;
        var best = float.NegativeInfinity;
        foreach (var candidate in items)
        {
            var neighbours = neighbourhood.NeighboursOf(candidate);
            var at = neighbours.IndexOf(item);
            if (at >= 0 && neighbourhood.SimilaritiesOf(candidate)[at] > best && candidate != item)
            {
                best = neighbourhood.SimilaritiesOf(candidate)[at];
                closest = candidate;
            }
        }

        return closest;
    }

    private string Title(int item)
    {
        var id = history.Items.IdOf(item);
        return catalog.TryGetValue(id, out var info) ? info.Title : id;
    }

    private static string Day(double day) =>
        new DateTime((long)(day * TimeSpan.TicksPerDay), DateTimeKind.Utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
