namespace Recsys.Model.Ranking;

/// <summary>Shares the slots of a ranked list between the customer's own items and items new to them.
/// Ranking by probability alone maximises expected hits, but new items are rarely likelier than the
/// customer's own, so a list would hardly ever hold one. With an explore weight λ the list instead
/// maximises E[NDCG] + λ E[NewRecall]: a new item j is worth p_j (d̄ / IDCG + λ / N_new), an own item
/// p_j d̄ / IDCG, where d̄ is the mean discount of a slot, IDCG that of the expected basket size and
/// N_new the expected number of new items, both estimated from the candidates' probabilities. The
/// factor makes a per-customer logit bonus for new items: customers expected to buy few new items get
/// more of them, as each of their new items weighs more in NewRecall.</summary>
public static class ExploreMix
{
    /// <summary>The <paramref name="count"/> best candidates: chosen by logit plus the explore bonus, then
    /// ordered by logit alone, since NewRecall ignores the order and NDCG prefers likely items first.</summary>
    /// <param name="logits">Calibrated: their sigmoid is the probability that the candidate is bought.</param>
    /// <param name="isNew">Whether each candidate is new to the customer.</param>
    /// <param name="tieBreak">Orders candidates of equal score (e.g. by popularity).</param>
    public static List<int> Select(ReadOnlySpan<float> logits, IReadOnlyList<bool> isNew, int count,
        double exploreWeight, Comparison<int> tieBreak)
    {
        var bonus = (float)ExploreBonus(logits, isNew, count, exploreWeight);
        var adjusted = new float[logits.Length];
        for (var c = 0; c < logits.Length; c++)
        {
            adjusted[c] = logits[c] + (isNew[c] ? bonus : 0);
        }

        var raw = logits.ToArray();
        var selected = Enumerable.Range(0, logits.Length).ToList();
        selected.Sort(ByScore(adjusted, tieBreak));
        selected.RemoveRange(Math.Min(count, selected.Count), selected.Count - Math.Min(count, selected.Count));
        selected.Sort(ByScore(raw, tieBreak));
        return selected;
    }

    /// <summary>log(1 + λ IDCG / (d̄ N_new)): the logit bonus of a new item for this customer; 0 when λ is 0.
    /// </summary>
    public static double ExploreBonus(ReadOnlySpan<float> logits, IReadOnlyList<bool> isNew, int count,
        double exploreWeight)
    {
        if (exploreWeight <= 0 || count <= 0)
        {
            return 0;
        }

        var expectedItems = 0.0;
        var expectedNewItems = 0.0;
        for (var c = 0; c < logits.Length; c++)
        {
            var probability = ScorerTrainer.Sigmoid(logits[c]);
            expectedItems += probability;
            expectedNewItems += isNew[c] ? probability : 0;
        }

        var meanDiscount = IdealDcg(count) / count;
        var idealDcg = IdealDcg((int)Math.Clamp(Math.Round(expectedItems), 1, count));
        return Math.Log(1 + exploreWeight * idealDcg / (meanDiscount * Math.Max(1, expectedNewItems)));
    }

    private static double IdealDcg(int hits)
    {
        var dcg = 0.0;
        for (var rank = 0; rank < hits; rank++)
        {
            dcg += 1 / Math.Log2(rank + 2);
        }

        return dcg;
    }

    private static Comparison<int> ByScore(float[] scores, Comparison<int> tieBreak) => (a, b) =>
    {
        var order = scores[b].CompareTo(scores[a]);
        return order != 0 ? order : tieBreak(a, b);
    };
}
