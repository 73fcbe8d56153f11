using System.Text;

namespace Recsys.Model.Ranking;

/// <summary>The schema of the feature vector: count, names and meaning of each <see cref="RankingFeature"/>.</summary>
public static class RankingFeatures
{
    /// <summary>Decays (days) of the repeat features, as in <see cref="RankingFeature.RepeatDecay7Days"/> ...</summary>
    public static IReadOnlyList<double> RepeatDecayDays { get; } = [7, 30, 90, 365];

    /// <summary>Index of the 90-day decay in <see cref="RepeatDecayDays"/>: the one candidates are chosen by.</summary>
    internal const int Decay90Days = 2;

    public static int Count { get; } = Enum.GetValues<RankingFeature>().Length;

    /// <summary>snake_case names in vector order, e.g. "repeat_decay_7_days".</summary>
    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<RankingFeature>().Select(NameOf).ToArray();

    public static string NameOf(RankingFeature feature)
    {
        var name = new StringBuilder();
        var previous = '_';
        foreach (var c in feature.ToString())
        {
            if (name.Length > 0 && (char.IsUpper(c) || (char.IsDigit(c) && !char.IsDigit(previous))))
            {
                name.Append('_');
            }

            name.Append(char.ToLowerInvariant(c));
            previous = c;
        }

        return name.ToString();
    }

    /// <summary>How the feature is computed. "Age" is measured from the cutoff, "query time" is the
    /// moment of the basket being predicted; log is natural.</summary>
    public static string Describe(RankingFeature feature) => feature switch
    {
        RankingFeature.IsRepeat => "1 when the customer bought the item before, else 0",
        RankingFeature.RepeatDecay7Days => "log(1 + Σ exp(-age/7 d)) over the customer's baskets holding the item",
        RankingFeature.RepeatDecay30Days => "the same with a 30-day decay",
        RankingFeature.RepeatDecay90Days => "the same with a 90-day decay (REPEAT's score, log-scaled)",
        RankingFeature.RepeatDecay365Days => "the same with a 365-day decay",
        RankingFeature.RepeatShare90Days =>
            "Σ exp(-age/90 d) over the baskets holding the item / the same over all the customer's baskets",
        RankingFeature.PurchaseCount => "log(1 + the customer's baskets holding the item)",
        RankingFeature.PurchaseShare => "the customer's baskets holding the item / the customer's baskets",
        RankingFeature.BasketsSinceLastPurchase =>
            "1 / (1 + the customer's baskets after the last one holding the item); 0 if never bought",
        RankingFeature.LastPurchaseRecency =>
            "exp(-days from the last purchase of the item to the query time / 30); 0 if never bought",
        RankingFeature.MeanRepurchaseInterval =>
            "log(1 + mean days between the customer's purchases of the item); 0 when bought fewer than twice",
        RankingFeature.RepurchaseOverdue =>
            "log((1 + days since the last purchase, at the query time) / (1 + mean repurchase interval)); 0 when " +
            "bought fewer than twice",
        RankingFeature.OverdueVsItemInterval =>
            "log((1 + days since the last purchase, at the query time) / (1 + item_repurchase_interval days)); 0 if " +
            "never bought or nobody re-bought the item",
        RankingFeature.InLastBasket => "1 when the item is in the customer's latest basket",
        RankingFeature.MeanQuantity =>
            "mean log(1 + quantity) of the customer's purchases of the item; 0 if never bought",
        RankingFeature.ItemKnnRecent =>
            "log(1 + ITEMKNN score): Σ over the last 5 baskets b, items i of b of cos(i, item) exp(-age(b)/90 d)",
        RankingFeature.ItemKnnRecentRelative =>
            "ITEMKNN score / the largest ITEMKNN score among the customer's candidates",
        RankingFeature.ItemKnnProfile =>
            "Σ over the customer's items i of w_i cos(i, item) / Σ w_i, w_i = Σ exp(-age/90 d) over the baskets " +
            "holding i",
        RankingFeature.ItemKnnLastBasket => "mean over the items i of the customer's latest basket of cos(i, item)",
        RankingFeature.CustomerKnn =>
            "Σ over the 50 most similar customers v of sim(u, v) [v bought the item] / Σ sim(u, v); " +
            "sim = cosine of the item sets",
        RankingFeature.CustomerKnnRecent =>
            "the same with [v bought the item] replaced by Σ exp(-age/30 d) over v's baskets holding it",
        RankingFeature.TitleKnn =>
            "Σ over the customer's items i of w_i cos(title(i), title(item))², w_i as in item_knn_profile, over " +
            "each item's 30 nearest titles",
        RankingFeature.TitleKnnMax => "the largest cos(title(i), title(item)) over the customer's items i",
        RankingFeature.TitleAffinity =>
            "cosine of the item's title tf-idf vector with Σ w_i vector(i) over the customer's items i, w_i as in " +
            "item_knn_profile",
        RankingFeature.TitleAffinityLastBasket =>
            "the same with the items of the customer's latest basket, equally weighted",
        RankingFeature.Popularity7Days =>
            "log(share of the baskets of the 7 days before the cutoff holding the item), smoothed",
        RankingFeature.Popularity30Days => "the same over 30 days",
        RankingFeature.PopularityAllTime => "the same over the whole history",
        RankingFeature.PopularityTrend => "popularity_7_days − popularity_30_days: growing items are positive",
        RankingFeature.CountryPopularity30Days =>
            "log(share of the country's baskets of the last 30 days holding the item), smoothed towards the global " +
            "share",
        RankingFeature.CountryPopularityAllTime => "the same over the whole history",
        RankingFeature.CountryLift => "country_popularity_all_time − popularity_all_time",
        RankingFeature.ItemAge => "log(1 + days from the item's first sale to the cutoff)",
        RankingFeature.ItemIsNew => "1 when the item first sold in the 30 days before the cutoff",
        RankingFeature.ItemBuyers => "log(1 + distinct customers who bought the item)",
        RankingFeature.ItemRecentAdopters =>
            "log(1 + customers whose first purchase of the item is in the 30 days before the cutoff)",
        RankingFeature.ItemRepurchaseShare =>
            "share of the item's baskets whose customer had bought it before, smoothed",
        RankingFeature.ItemRepurchaseInterval =>
            "log(1 + mean days between consecutive purchases of the item by the same customer, over all customers); " +
            "0 when nobody re-bought it",
        RankingFeature.ItemPrice => "mean log(unit price) of the item",
        RankingFeature.PriceVsCustomer => "item_price − the customer's mean log(unit price)",
        RankingFeature.CustomerBaskets => "log(1 + the customer's baskets)",
        RankingFeature.CustomerRepeatRatio =>
            "share of the items of the customer's baskets after the first that they had bought before, smoothed",
        RankingFeature.CustomerDistinctItems => "log(1 + distinct items the customer bought)",
        RankingFeature.CustomerMeanBasketSize => "log(1 + the customer's mean basket size)",
        RankingFeature.CustomerMeanDaysBetweenBaskets =>
            "log(1 + mean days between the customer's baskets); 0 for one basket",
        RankingFeature.DaysSinceCustomerLastBasket =>
            "log(1 + days from the customer's latest basket to the query time)",
        RankingFeature.DaysAfterCutoff => "log(1 + days from the cutoff to the query time)",
        RankingFeature.CustomerHourMatch =>
            "share of the customer's baskets started within 2 hours of the query time's hour of day",
        RankingFeature.FromItemKnn => "1 when the item-kNN source proposed the candidate",
        RankingFeature.FromCustomerKnn => "1 when the customer-kNN source proposed the candidate",
        RankingFeature.FromPopular => "1 when the popularity source (country or trending) proposed the candidate",
        RankingFeature.FromTitle => "1 when the title source proposed the candidate",
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, null),
    };
}
