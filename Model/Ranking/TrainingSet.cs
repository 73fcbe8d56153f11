using Recsys.Model.Evaluation;

namespace Recsys.Model.Ranking;

/// <summary>Labelled candidate rows cut from a history (see <see cref="TrainingSetBuilder"/>): features,
/// label (1 when the item is in the customer's next basket) and the ids a neural head would embed.</summary>
public sealed class TrainingSet
{
    public TrainingSet(float[] features, float[] labels, float[] logitOffsets, string[] customerIds, string[] itemIds,
        int[] caseNumbers, IReadOnlyList<DateTimeOffset> cuts, IReadOnlyList<RecommendationQuery> caseQueries)
    {
        if (features.Length != labels.Length * RankingFeatures.Count || logitOffsets.Length != labels.Length
            || customerIds.Length != labels.Length || itemIds.Length != labels.Length
            || caseNumbers.Length != labels.Length)
        {
            throw new ArgumentException("features, labels, offsets, ids and case numbers must describe the same rows");
        }

        if (caseQueries.Count != (labels.Length == 0 ? 0 : caseNumbers[^1] + 1))
        {
            throw new ArgumentException("one query per case is needed");
        }

        Features = features;
        Labels = labels;
        LogitOffsets = logitOffsets;
        CustomerIds = customerIds;
        ItemIds = itemIds;
        CaseNumbers = caseNumbers;
        Cuts = cuts;
        CaseQueries = caseQueries;
    }

    /// <summary>Row-major, <see cref="RankingFeatures.Count"/> per row.</summary>
    public float[] Features { get; }

    /// <summary>1 for a positive, 0 for a sampled negative.</summary>
    public float[] Labels { get; }

    /// <summary>−log(share of the case's negatives that were sampled), added to the scorer's logit in
    /// training: sampling negatives multiplies the odds of every row of the case by 1 / share, and the
    /// offset takes that out, so the trained logits are calibrated for all candidates (logQ correction).</summary>
    public float[] LogitOffsets { get; }

    public string[] CustomerIds { get; }

    public string[] ItemIds { get; }

    /// <summary>The (cut, customer) case each row belongs to, numbered from 0 in the order of the rows.</summary>
    public int[] CaseNumbers { get; }

    /// <summary>The moments the history was cut at, oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> Cuts { get; }

    /// <summary>The query of each case by case number: its customer, the country and time of the basket it
    /// predicts, and its cut as the cutoff. What a sequence model needs to rebuild the customer's past and scene.
    /// </summary>
    public IReadOnlyList<RecommendationQuery> CaseQueries { get; }

    public int RowCount => Labels.Length;

    public int CaseCount => RowCount == 0 ? 0 : CaseNumbers[^1] + 1;

    /// <summary>Row index of each case's first row, then <see cref="RowCount"/>: case c's rows are
    /// [starts[c], starts[c + 1]).</summary>
    public int[] CaseStarts()
    {
        var starts = new int[CaseCount + 1];
        for (var row = RowCount - 1; row >= 0; row--)
        {
            starts[CaseNumbers[row]] = row;
        }

        starts[^1] = RowCount;
        return starts;
    }

    /// <summary>A weight per case, exp(−days from the case's cut to the latest cut / <paramref name="recencyDays"/>),
    /// scaled to a mean of 1; all 1 when <paramref name="recencyDays"/> is infinite.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="recencyDays"/> is not positive.</exception>
    public float[] RecencyWeights(double recencyDays)
    {
        if (!(recencyDays > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(recencyDays), recencyDays, "the recency of cases must be positive");
        }

        var weights = new float[CaseCount];
        if (weights.Length == 0)
        {
            return weights;
        }

        var latest = Cuts[^1];
        for (var caseNumber = 0; caseNumber < weights.Length; caseNumber++)
        {
            weights[caseNumber] = (float)Math.Exp(-(latest - CaseQueries[caseNumber].Cutoff).TotalDays / recencyDays);
        }

        var mean = weights.Average(weight => (double)weight);
        for (var caseNumber = 0; caseNumber < weights.Length; caseNumber++)
        {
            weights[caseNumber] = (float)(weights[caseNumber] / mean);
        }

        return weights;
    }

    public ReadOnlySpan<float> FeaturesOf(int row) =>
        Features.AsSpan(row * RankingFeatures.Count, RankingFeatures.Count);
}
