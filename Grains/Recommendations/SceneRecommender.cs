using System.Runtime.InteropServices;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Popularity;
using Recsys.Model.Recommenders;

namespace Recsys.Grains.Recommendations;

/// <summary>Mixes the non-learned strategies: each strategy's scores are divided by their maximum and
/// weighted (<see cref="RecommenderOptions"/>); popularity lists score by rank. Ties go to the more
/// popular item. The strategy with the largest weighted share of an item's score becomes its source.</summary>
internal sealed class SceneRecommender(RecommenderOptions options)
{
    /// <param name="filter">What the request lets through beyond <paramref name="exclude"/>; null: every item.</param>
    public List<ScoredCandidate> Rank(CandidateSignals signals, int count, IReadOnlySet<string> exclude, ItemFilter? filter = null)
    {
        var mixed = Mixed(signals);
        var tieBreak = new ItemRanking([.. signals.GlobalPopular.Select(p => p.ItemId)]);
        var allowed = filter is null ? mixed : mixed.Where(pair => filter.Allows(pair.Key));
        return RankedLists.TopByScore(allowed.Select(pair => KeyValuePair.Create(pair.Key, pair.Value.Total)), count, tieBreak, exclude)
            .ConvertAll(id => new ScoredCandidate(id, mixed[id].Total, mixed[id].Strongest));
    }

    /// <summary>The mixed score of each of <paramref name="itemIds"/> that has one, with its strongest strategy.</summary>
    public Dictionary<string, PersonalAffinity> Affinities(CandidateSignals signals, IEnumerable<string> itemIds)
    {
        var mixed = Mixed(signals);
        return itemIds.Distinct(StringComparer.Ordinal)
            .Where(id => mixed.TryGetValue(id, out var mix) && mix.Total > 0)
            .ToDictionary(id => id, id => new PersonalAffinity(mixed[id].Total, mixed[id].Strongest), StringComparer.Ordinal);
    }

    private Dictionary<string, Mix> Mixed(CandidateSignals signals)
    {
        var parts = new (RecommendationSource Source, IReadOnlyDictionary<string, double> Scores, double Weight)[]
        {
            (RecommendationSource.Repeat, signals.Repeat, options.RepeatWeight),
            (RecommendationSource.CoOccurrence, signals.CoOccurrence, options.CoOccurrenceWeight),
            (RecommendationSource.RecentlyViewed, signals.Engagement, options.EngagementWeight),
            (RecommendationSource.PopularInLocation, ByRank(signals.LocationPopular), options.LocationPopularityWeight),
            (RecommendationSource.PopularOnDevice, ByRank(signals.DevicePopular), options.DevicePopularityWeight),
            (RecommendationSource.Popular, ByRank(signals.GlobalPopular), options.GlobalPopularityWeight),
            (RecommendationSource.Promotion, signals.ActivePromotions.ToDictionary(p => p.Key, _ => 1.0), options.PromotionWeight),
            (RecommendationSource.Promotion, signals.StandingPromotions.ToDictionary(id => id, _ => 1.0), options.StandingPromotionWeight),
        };
        // One table sized for every candidate at once: a heavy user's co-occurrence candidates run to
        // thousands, and growing (or keeping a second table for the sources) doubled the garbage per request.
        var mixed = new Dictionary<string, Mix>(parts.Sum(part => part.Scores.Count), StringComparer.Ordinal);
        foreach (var (source, scores, weight) in parts)
        {
            var maximum = scores.Count == 0 ? 0 : scores.Values.Max();
            if (maximum <= 0 || weight == 0)
            {
                continue;
            }
            foreach (var (itemId, score) in scores)
            {
                var share = weight * score / maximum;
                ref var mix = ref CollectionsMarshal.GetValueRefOrAddDefault(mixed, itemId, out var seen);
                mix.Total += share;
                if (!seen || share > mix.StrongestShare)
                {
                    mix.Strongest = source;
                    mix.StrongestShare = share;
                }
            }
        }
        return mixed;
    }

    /// <summary>An item's mixed score and the strategy with the largest share of it.</summary>
    private struct Mix
    {
        public double Total;
        public RecommendationSource Strongest;
        public double StrongestShare;
    }

    private static Dictionary<string, double> ByRank(IReadOnlyList<PopularItem> ranked) =>
        ranked.Select((item, rank) => (item.ItemId, Score: (double)(ranked.Count - rank) / ranked.Count))
            .ToDictionary(p => p.ItemId, p => p.Score, StringComparer.Ordinal);
}
