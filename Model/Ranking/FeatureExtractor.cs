namespace Recsys.Model.Ranking;

/// <summary>Fills the feature vectors of a query's candidates, as <see cref="RankingFeatures.Describe"/>
/// says.</summary>
internal sealed class FeatureExtractor
{
    private const double LastPurchaseRecencyDays = 30;
    private const double NewItemDays = 30;
    private const int HourMatchHours = 2;

    /// <summary>Added to shares before their log, which would be −∞ for an item without baskets.</summary>
    private const double ShareFloor = 1e-4;

    /// <summary>Pseudo-baskets pulling a country's shares towards the global ones: small countries have
    /// few baskets.</summary>
    private const double CountryPriorBaskets = 20;

    /// <summary>Pseudo-baskets pulling an item's repurchase share towards the population's.</summary>
    private const double RepurchasePriorBaskets = 10;

    private readonly QuerySignals signals;
    private readonly PurchaseHistory history;
    private readonly CustomerHistory customer;
    private readonly (RankingFeature Feature, double Value)[] customerFeatures;
    private readonly double itemKnnRecentMaximum;

    private FeatureExtractor(QuerySignals signals, IReadOnlyList<(int Item, CandidateSources Sources)> candidates)
    {
        this.signals = signals;
        history = signals.History;
        customer = signals.Customer;
        itemKnnRecentMaximum = candidates.Select(candidate => signals.ItemKnnRecent[candidate.Item])
            .DefaultIfEmpty().Max();
        customerFeatures =
        [
            (RankingFeature.CustomerBaskets, Math.Log(1 + customer.Baskets.Count)),
            (RankingFeature.CustomerRepeatRatio, customer.RepeatRatio(history.PopulationRepeatRatio)),
            (RankingFeature.CustomerDistinctItems, Math.Log(1 + customer.Items.Count)),
            (RankingFeature.CustomerMeanBasketSize, Math.Log(1 + customer.MeanBasketSize)),
            (RankingFeature.CustomerMeanDaysBetweenBaskets, Math.Log(1 + customer.MeanDaysBetweenBaskets)),
            (RankingFeature.DaysSinceCustomerLastBasket, Math.Log(1 + signals.QueryDay - customer.LastDay)),
            (RankingFeature.DaysAfterCutoff, Math.Log(1 + signals.QueryDay - history.CutoffDay)),
            (RankingFeature.CustomerHourMatch,
                customer.ShareOfBasketsNearHour(signals.Query.Time.UtcDateTime.Hour, HourMatchHours)),
        ];
    }

    /// <param name="features">Row-major, <see cref="RankingFeatures.Count"/> per candidate.</param>
    public static void Extract(QuerySignals signals, IReadOnlyList<(int Item, CandidateSources Sources)> candidates,
        Span<float> features)
    {
        var extractor = new FeatureExtractor(signals, candidates);
        for (var c = 0; c < candidates.Count; c++)
        {
            extractor.Fill(candidates[c].Item, candidates[c].Sources,
                features.Slice(c * RankingFeatures.Count, RankingFeatures.Count));
        }
    }

    private static double LogShare(double share) => Math.Log(ShareFloor + share);

    private static void Set(Span<float> row, RankingFeature feature, double value) => row[(int)feature] = (float)value;

    private void Fill(int item, CandidateSources sources, Span<float> row)
    {
        row.Clear();
        foreach (var (feature, value) in customerFeatures)
        {
            Set(row, feature, value);
        }

        if (customer.Items.TryGetValue(item, out var purchases))
        {
            SetRepeatFeatures(row, item, purchases);
        }

        SetNeighbourFeatures(row, item);
        SetPopularityFeatures(row, item);
        SetItemFeatures(row, item);
        Set(row, RankingFeature.FromItemKnn, sources.HasFlag(CandidateSources.ItemKnn) ? 1 : 0);
        Set(row, RankingFeature.FromCustomerKnn, sources.HasFlag(CandidateSources.CustomerKnn) ? 1 : 0);
        Set(row, RankingFeature.FromPopular, sources.HasFlag(CandidateSources.Popular) ? 1 : 0);
        Set(row, RankingFeature.FromTitle, sources.HasFlag(CandidateSources.Title) ? 1 : 0);
    }

    private void SetRepeatFeatures(Span<float> row, int item, ItemPurchases purchases)
    {
        Set(row, RankingFeature.IsRepeat, 1);
        // The repeat_decay_* features follow each other in the order of RankingFeatures.RepeatDecayDays.
        for (var decay = 0; decay < RankingFeatures.RepeatDecayDays.Count; decay++)
        {
            Set(row, RankingFeature.RepeatDecay7Days + decay, Math.Log(1 + purchases.Decayed[decay]));
        }

        Set(row, RankingFeature.RepeatShare90Days,
            purchases.Decayed[RankingFeatures.Decay90Days] / signals.DecayedBasketMass90Days);
        Set(row, RankingFeature.PurchaseCount, Math.Log(1 + purchases.Count));
        Set(row, RankingFeature.PurchaseShare, (double)purchases.Count / customer.Baskets.Count);
        var lastBasketOrdinal = customer.Baskets.Count - 1;
        Set(row, RankingFeature.BasketsSinceLastPurchase, 1.0 / (1 + lastBasketOrdinal - purchases.LastBasketOrdinal));
        var daysSinceLastPurchase = signals.QueryDay - purchases.LastDay;
        Set(row, RankingFeature.LastPurchaseRecency, Math.Exp(-daysSinceLastPurchase / LastPurchaseRecencyDays));
        if (purchases.Count > 1)
        {
            Set(row, RankingFeature.MeanRepurchaseInterval, Math.Log(1 + purchases.MeanInterval));
            Set(row, RankingFeature.RepurchaseOverdue,
                Math.Log((1 + daysSinceLastPurchase) / (1 + purchases.MeanInterval)));
        }

        var itemInterval = history.Statistics.MeanRepurchaseInterval[item];
        if (itemInterval > 0)
        {
            Set(row, RankingFeature.OverdueVsItemInterval, Math.Log((1 + daysSinceLastPurchase) / (1 + itemInterval)));
        }

        Set(row, RankingFeature.InLastBasket, purchases.LastBasketOrdinal == lastBasketOrdinal ? 1 : 0);
        Set(row, RankingFeature.MeanQuantity, purchases.SumLogQuantity / purchases.Count);
    }

    private void SetNeighbourFeatures(Span<float> row, int item)
    {
        var itemKnnRecent = signals.ItemKnnRecent[item];
        Set(row, RankingFeature.ItemKnnRecent, Math.Log(1 + itemKnnRecent));
        Set(row, RankingFeature.ItemKnnRecentRelative,
            itemKnnRecentMaximum > 0 ? itemKnnRecent / itemKnnRecentMaximum : 0);
        Set(row, RankingFeature.ItemKnnProfile, signals.ItemKnnProfile[item]);
        Set(row, RankingFeature.ItemKnnLastBasket, signals.ItemKnnLastBasket[item]);
        Set(row, RankingFeature.CustomerKnn, signals.CustomerKnn[item]);
        Set(row, RankingFeature.CustomerKnnRecent, signals.CustomerKnnRecent[item]);
        Set(row, RankingFeature.TitleKnn, signals.TitleKnn[item]);
        Set(row, RankingFeature.TitleKnnMax, signals.TitleKnnMax[item]);
        // Only a positive affinity counts: a taste pointing away from an item says no more than none.
        Set(row, RankingFeature.TitleAffinity, history.Titles.Affinity(signals.Taste, item) is var affinity and > 0 ? affinity : 0);
        Set(row, RankingFeature.TitleAffinityLastBasket, history.Titles.Affinity(signals.LastBasketTaste, item));
    }

    private void SetPopularityFeatures(Span<float> row, int item)
    {
        var everywhere = history.Everywhere;
        var shortShare = everywhere.WindowShare(RankingOptions.ShortPopularityWindow, item, 0, 1);
        var longShare = everywhere.WindowShare(RankingOptions.LongPopularityWindow, item, 0, 1);
        var allTimeShare = everywhere.AllTimeShare(item, 0, 1);
        Set(row, RankingFeature.Popularity7Days, LogShare(shortShare));
        Set(row, RankingFeature.Popularity30Days, LogShare(longShare));
        Set(row, RankingFeature.PopularityAllTime, LogShare(allTimeShare));
        Set(row, RankingFeature.PopularityTrend, LogShare(shortShare) - LogShare(longShare));

        var country = signals.Country;
        var countryLongShare = country?.WindowShare(RankingOptions.LongPopularityWindow, item, longShare,
            CountryPriorBaskets) ?? longShare;
        var countryAllTimeShare = country?.AllTimeShare(item, allTimeShare, CountryPriorBaskets) ?? allTimeShare;
        Set(row, RankingFeature.CountryPopularity30Days, LogShare(countryLongShare));
        Set(row, RankingFeature.CountryPopularityAllTime, LogShare(countryAllTimeShare));
        Set(row, RankingFeature.CountryLift, LogShare(countryAllTimeShare) - LogShare(allTimeShare));
    }

    private void SetItemFeatures(Span<float> row, int item)
    {
        var statistics = history.Statistics;
        var itemAgeDays = history.CutoffDay - statistics.FirstDay[item];
        Set(row, RankingFeature.ItemAge, Math.Log(1 + itemAgeDays));
        Set(row, RankingFeature.ItemIsNew, itemAgeDays <= NewItemDays ? 1 : 0);
        Set(row, RankingFeature.ItemBuyers, Math.Log(1 + statistics.Buyers[item]));
        Set(row, RankingFeature.ItemRecentAdopters, Math.Log(1 + statistics.RecentAdopters[item]));
        Set(row, RankingFeature.ItemRepurchaseShare,
            statistics.RepurchaseShare(item, history.PopulationRepeatRatio, RepurchasePriorBaskets));
        Set(row, RankingFeature.ItemRepurchaseInterval, Math.Log(1 + statistics.MeanRepurchaseInterval[item]));
        Set(row, RankingFeature.ItemPrice, statistics.MeanLogPrice[item]);
        Set(row, RankingFeature.PriceVsCustomer, statistics.MeanLogPrice[item] - customer.MeanLogPrice);
    }
}
