using Recsys.Model.Data;
using Recsys.Model.Evaluation;

namespace Recsys.Model.Ranking;

/// <summary>Turns a history into training cases the way protocol OR-NB turns data into test cases, at
/// several earlier moments: at each cut C, every customer with baskets before C whose next basket is at or
/// after C (and before the end of the history) gives one case, the query (customer, country, time of
/// that basket, cutoff C); its candidates come from the baskets before C alone and are labelled by that
/// basket's items.</summary>
public static class TrainingSetBuilder
{
    public const string ProgressStage = "learned-rank: training cases";

    /// <summary>The cuts, oldest first: <see cref="RankingOptions.TrainingCuts"/> moments, the latest
    /// <see cref="RankingOptions.DaysBetweenCuts"/> before <paramref name="end"/>, none less than
    /// <see cref="RankingOptions.MinimumHistoryDays"/> after <paramref name="firstBasket"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> Cuts(DateTimeOffset firstBasket, DateTimeOffset end,
        RankingOptions options)
    {
        var earliest = firstBasket.AddDays(options.MinimumHistoryDays);
        var cuts = new List<DateTimeOffset>();
        for (var i = 1; i <= options.TrainingCuts; i++)
        {
            var cut = end.AddDays(-i * options.DaysBetweenCuts);
            if (cut >= earliest)
            {
                cuts.Add(cut);
            }
        }

        cuts.Reverse();
        return cuts;
    }

    /// <param name="baskets">Any baskets; only those before <paramref name="end"/> are read, for features
    /// and labels alike.</param>
    /// <param name="itemTitles">As in <see cref="PurchaseHistory.Build"/>.</param>
    public static TrainingSet Build(IEnumerable<Basket> baskets, DateTimeOffset end, RankingOptions options,
        IReadOnlyDictionary<string, string>? itemTitles = null, IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var history = baskets.Where(basket => basket.Time < end).ToList();
        history.Sort(Basket.Chronological);
        if (history.Count == 0)
        {
            return new TrainingSet([], [], [], [], [], [], [], []);
        }

        var cuts = Cuts(history[0].Time, end, options);
        var byCustomer = new Dictionary<string, List<Basket>>(StringComparer.Ordinal);
        foreach (var basket in history)
        {
            Maps.GetOrAdd(byCustomer, basket.CustomerId).Add(basket);
        }

        var rowsOfCut = new CutRows[cuts.Count];
        var done = 0;
        progress?.Report(new EvaluationProgress(ProgressStage, 0, cuts.Count));
        Parallel.For(0, cuts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var pastHistory = PurchaseHistory.Build(history, cuts[i], options, itemTitles);
            rowsOfCut[i] = RowsAt(pastHistory, byCustomer, new Random(options.Seed + i), cancellationToken);
            progress?.Report(new EvaluationProgress(ProgressStage, Interlocked.Increment(ref done), cuts.Count));
        });
        return Concatenate(rowsOfCut, cuts);
    }

    private static CutRows RowsAt(PurchaseHistory pastHistory, Dictionary<string, List<Basket>> byCustomer,
        Random random, CancellationToken cancellationToken)
    {
        var cut = pastHistory.Cutoff;
        var rows = new CutRows();
        foreach (var (customerId, customerBaskets) in byCustomer)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = customerBaskets.Find(basket => basket.Time >= cut);
            if (next is null || customerBaskets[0].Time >= cut)
            {
                continue;
            }

            var query = RecommendationQuery.For(next, cut);
            var truth = next.Lines.Select(line => line.ItemId).ToHashSet(StringComparer.Ordinal);
            rows.AddCase(RankingCandidates.Create(pastHistory, query), truth, pastHistory.Options.NegativesPerCase,
                random);
        }

        return rows;
    }

    private static TrainingSet Concatenate(CutRows[] rowsOfCut, IReadOnlyList<DateTimeOffset> cuts)
    {
        var features = new List<float>();
        var labels = new List<float>();
        var logitOffsets = new List<float>();
        var customerIds = new List<string>();
        var itemIds = new List<string>();
        var caseNumbers = new List<int>();
        var caseQueries = new List<RecommendationQuery>();
        var caseOffset = 0;
        foreach (var rows in rowsOfCut)
        {
            features.AddRange(rows.Features);
            labels.AddRange(rows.Labels);
            logitOffsets.AddRange(rows.LogitOffsets);
            customerIds.AddRange(rows.CustomerIds);
            itemIds.AddRange(rows.ItemIds);
            caseNumbers.AddRange(rows.CaseNumbers.Select(number => number + caseOffset));
            caseQueries.AddRange(rows.Queries);
            caseOffset += rows.CaseCount;
        }

        return new TrainingSet([.. features], [.. labels], [.. logitOffsets], [.. customerIds], [.. itemIds],
            [.. caseNumbers], cuts, caseQueries);
    }

    /// <summary>The rows of one cut: every positive candidate of each case and a sample of its negatives.</summary>
    private sealed class CutRows
    {
        public List<float> Features { get; } = [];

        public List<float> Labels { get; } = [];

        public List<float> LogitOffsets { get; } = [];

        public List<string> CustomerIds { get; } = [];

        public List<string> ItemIds { get; } = [];

        public List<int> CaseNumbers { get; } = [];

        public List<RecommendationQuery> Queries { get; } = [];

        public int CaseCount => Queries.Count;

        /// <summary>Adds a case whose candidates hold at least one item of <paramref name="truth"/>; a case
        /// without any teaches the ranking nothing.</summary>
        public void AddCase(RankingCandidates candidates, IReadOnlySet<string> truth, int negativesPerCase,
            Random random)
        {
            var positives = new List<int>();
            var negatives = new List<int>();
            for (var c = 0; c < candidates.Count; c++)
            {
                (truth.Contains(candidates.ItemIds[c]) ? positives : negatives).Add(c);
            }

            if (positives.Count == 0)
            {
                return;
            }

            // A partial Fisher-Yates shuffle: the first negativesPerCase negatives become a uniform sample.
            var sampled = Math.Min(negativesPerCase, negatives.Count);
            for (var i = 0; i < sampled; i++)
            {
                var j = random.Next(i, negatives.Count);
                (negatives[i], negatives[j]) = (negatives[j], negatives[i]);
            }

            var logitOffset = sampled > 0 ? (float)-Math.Log((double)sampled / negatives.Count) : 0;
            foreach (var c in positives)
            {
                AddRow(candidates, c, 1, logitOffset);
            }

            foreach (var c in negatives.Take(sampled))
            {
                AddRow(candidates, c, 0, logitOffset);
            }

            Queries.Add(candidates.Query);
        }

        private void AddRow(RankingCandidates candidates, int candidate, float label, float logitOffset)
        {
            Features.AddRange(candidates.FeaturesOf(candidate));
            Labels.Add(label);
            LogitOffsets.Add(logitOffset);
            CustomerIds.Add(candidates.CustomerId);
            ItemIds.Add(candidates.ItemIds[candidate]);
            CaseNumbers.Add(CaseCount);
        }
    }
}
