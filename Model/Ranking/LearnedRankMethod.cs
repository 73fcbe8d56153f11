using Recsys.Model.Evaluation;

namespace Recsys.Model.Ranking;

/// <summary>Ranks a query's candidates by a <see cref="RankingNetwork"/>'s score (ties: popularity, then
/// id), filled from popularity when there are too few (a customer the history does not know).</summary>
public sealed class LearnedRankMethod(string name, PurchaseHistory history, RankingNetwork network) : IRecommendationMethod
{
    public string Name => name;

    public PurchaseHistory History => history;

    public RankingNetwork Network => network;

    public IReadOnlyList<string> Recommend(RecommendationQuery query, int count)
    {
        var candidates = RankingCandidates.Create(history, query);
        var ranked = Enumerable.Range(0, candidates.Count)
            .Select(c => (ItemId: candidates.ItemIds[c], Score: network.Score(candidates.FeaturesOf(c), candidates.ItemIds[c])))
            .OrderByDescending(candidate => candidate.Score)
            .ThenBy(candidate => history.PopularityRank(candidate.ItemId))
            .ThenBy(candidate => candidate.ItemId, StringComparer.Ordinal)
            .Select(candidate => candidate.ItemId);
        return Recommenders.Ranking.Fill(ranked, count, null, history.ByPopularity.Select(history.Items.IdOf));
    }
}
