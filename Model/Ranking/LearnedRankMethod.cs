using Recsys.Model.Evaluation;
using Recsys.Model.Recommenders;

namespace Recsys.Model.Ranking;

/// <summary>Ranks a query's candidates by a <see cref="RankingNetwork"/>'s calibrated scores, sharing the
/// slots between own and new items as <see cref="ExploreMix"/> says (ties: popularity, then id), and fills
/// from popularity when there are too few candidates (a customer the history does not know).</summary>
/// <param name="exploreWeight">λ of <see cref="ExploreMix"/>; 0 ranks by probability alone.</param>
public sealed class LearnedRankMethod(string name, PurchaseHistory history, RankingNetwork network,
    double exploreWeight) : IRecommendationMethod
{
    public string Name => name;

    public PurchaseHistory History => history;

    public RankingNetwork Network => network;

    public double ExploreWeight => exploreWeight;

    public IReadOnlyList<string> Recommend(RecommendationQuery query, int count)
    {
        var candidates = RankingCandidates.Create(history, query);
        return Rank(history, candidates, Logits(candidates), count, exploreWeight);
    }

    /// <summary>The <paramref name="count"/> items of a query: its candidates chosen and ordered by calibrated
    /// <paramref name="logits"/> and the explore mix, filled from popularity when they are too few.</summary>
    public static IReadOnlyList<string> Rank(PurchaseHistory history, RankingCandidates candidates,
        ReadOnlySpan<float> logits, int count, double exploreWeight)
    {
        var selected = ExploreMix.Select(logits, IsNew(candidates), count, exploreWeight,
            TieBreak(history, candidates));
        return RankedLists.Fill(selected.Select(c => candidates.ItemIds[c]), count, null,
            history.ByPopularity.Select(history.Items.IdOf));
    }

    /// <summary>The network's logit of each candidate.</summary>
    public float[] Logits(RankingCandidates candidates)
    {
        var logits = new float[candidates.Count];
        for (var c = 0; c < candidates.Count; c++)
        {
            logits[c] = network.Score(candidates.FeaturesOf(c), candidates.ItemIds[c]);
        }

        return logits;
    }

    public static bool[] IsNew(RankingCandidates candidates) =>
        candidates.Sources.Select(sources => !sources.HasFlag(CandidateSources.Repeat)).ToArray();

    /// <summary>Popularity rank, then id.</summary>
    public static Comparison<int> TieBreak(PurchaseHistory history, RankingCandidates candidates) => (a, b) =>
    {
        var order = history.PopularityRank(candidates.ItemIds[a])
            .CompareTo(history.PopularityRank(candidates.ItemIds[b]));
        return order != 0 ? order : string.CompareOrdinal(candidates.ItemIds[a], candidates.ItemIds[b]);
    };
}
