using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Recsys.Grains.Cooccurrence;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Grains.Recommendations;
using Recsys.Model.Recommenders;
using Recsys.Search;

namespace Recsys.Grains.Search;

/// <summary>Answers search and similar items on the silo it is called from, with that silo's copy of the index.
/// Keyword matches (BM25) and, when a model is served, its semantic matches (<see cref="IItemVectorGrain"/>), fused by
/// rank (<see cref="HybridRanking"/>).</summary>
[GrainType("search")]
[StatelessWorker]
public sealed class SearchGrain(
    CatalogReplica catalog,
    IOptions<SearchOptions> options,
    IOptions<RecommenderOptions> recommenderOptions,
    TimeProvider clock)
    : Grain, ISearchGrain
{
    private const string Keyword = "keyword-bm25";
    private const string Semantic = "semantic-vectors";
    private const string Hybrid = "hybrid-bm25+vectors";
    private const string Personal = "+personal";
    private const string Version = "/1";
    public const string SimilarStrategy = "co-occurrence+title/1";
    public const string SimilarWithVectorsStrategy = "co-occurrence+vectors+title/1";

    private readonly SearchOptions _options = options.Value;

    public async Task<SearchResults> Search(SearchRequest request)
    {
        ContractViolationException.ThrowIfAny(ContractValidator.Validate(request));
        await catalog.Refresh(GrainFactory);
        var personal = request.UserId is not null && _options.PersonalWeight > 0;
        var wanted = personal ? Math.Max(request.Count, _options.PersonalCandidates) : request.Count;
        var keyword = request.Mode == SearchMode.Semantic ? [] : catalog.Index.Search(request.Query, wanted, request.TypoTolerant);
        var semantic = request.Mode == SearchMode.Keyword
            ? VectorMatches.None
            : await GrainFactory.GetGrain<IItemVectorGrain>(0).Search(request.Query, Math.Min(wanted, SearchRequest.MaxCount));
        var (matches, strategy) = Matches(request.Mode, keyword, semantic);
        var affinities = personal && matches.Count > 0
            ? await GrainFactory.GetGrain<IUserGrain>(request.UserId!).Affinities([.. matches.Select(match => match.ItemId)], request.At ?? clock.GetUtcNow())
            : new Dictionary<string, PersonalAffinity>();
        // Cosines can be 0 or below: the scale must stay positive so that no score is NaN.
        var best = matches.Count == 0 ? 1 : Math.Max(matches.Max(match => match.Score), double.Epsilon);
        // Relative to the strongest affinity among the matches: what the user is drawn to most of what they look for
        // gets the whole personal weight, however it compares with their favourite items overall.
        var strongest = affinities.Count == 0 ? 1 : affinities.Values.Max(affinity => affinity.Score);
        var byKeyword = keyword.Select(hit => hit.ItemId).ToHashSet(StringComparer.Ordinal);
        var items = matches
            .Select(match =>
            {
                var affinity = affinities.GetValueOrDefault(match.ItemId);
                return new FoundItem
                {
                    ItemId = match.ItemId,
                    Title = Title(match.ItemId),
                    Score = Math.Max(match.Score, 0) / best + _options.PersonalWeight * (affinity?.Score ?? 0) / strongest,
                    Reason = SearchReason(byKeyword.Contains(match.ItemId), affinity),
                };
            })
            .OrderByDescending(item => item.Score).ThenBy(item => item.ItemId, StringComparer.Ordinal)
            .Take(request.Count)
            .ToList();
        return new SearchResults
        {
            Query = request.Query,
            UserId = request.UserId,
            Items = items,
            Strategy = strategy + (personal ? Personal : "") + Version,
            ModelVersion = semantic.ModelVersion,
        };
    }

    /// <summary>The model's matches alone for a semantic search (none without a model), the keyword hits alone for a
    /// keyword search or when no model answered, else both fused by rank; and the strategy's name, before the personal
    /// suffix and version.</summary>
    private (IReadOnlyList<(string ItemId, double Score)> Matches, string Strategy) Matches(
        SearchMode mode, IReadOnlyList<SearchHit> keyword, VectorMatches semantic)
    {
        if (mode == SearchMode.Semantic)
        {
            return ([.. semantic.Matches.Select(match => (match.ItemId, match.Score))], Semantic);
        }

        return mode == SearchMode.Keyword || semantic.ModelVersion is null
            ? ([.. keyword.Select(hit => (hit.ItemId, hit.Score))], Keyword)
            : (HybridRanking.Fuse(([.. keyword.Select(hit => hit.ItemId)], 1), ([.. semantic.Matches.Select(match => match.ItemId)], _options.SemanticWeight)), Hybrid);
    }

    public async Task<SimilarItems> Similar(string itemId, int count)
    {
        ContractViolationException.ThrowIfAny(ContractValidator.ValidateSimilar(itemId, count));
        await catalog.Refresh(GrainFactory);
        var shard = CooccurrenceIndex.ShardOf(itemId, recommenderOptions.Value.CoOccurrenceShards);
        var neighbours = (await GrainFactory.GetGrain<ICooccurrenceGrain>(shard).Neighbours([itemId])).ByItem.GetValueOrDefault(itemId) ?? [];
        var title = Title(itemId);
        var items = neighbours.Take(count)
            .Select(neighbour => new FoundItem
            {
                ItemId = neighbour.ItemId,
                Title = Title(neighbour.ItemId),
                Score = neighbour.Similarity,
                Reason = $"often bought with {title}",
            })
            .ToList();
        // Below every item bought with it, the model's nearest vectors (purchases and text), then titles alike: each
        // says less than the evidence before it.
        var near = items.Count < count ? await GrainFactory.GetGrain<IItemVectorGrain>(0).Similar(itemId, count) : VectorMatches.None;
        AddBelow(items, count, near.Matches.Select(match => (match.ItemId, match.Score)), $"close to {title} in the model");
        if (items.Count < count)
        {
            AddBelow(items, count, catalog.Index.LikeTitleOf(itemId, count).Select(hit => (hit.ItemId, hit.Score)), $"a title like {title}'s");
        }
        var known = items.Count > 0 || (await GrainFactory.GetGrain<IItemGrain>(itemId).Info()).Exists;
        return new SimilarItems
        {
            ItemId = itemId,
            Items = items,
            Strategy = near.ModelVersion is null ? SimilarStrategy : SimilarWithVectorsStrategy,
            Known = known,
            ModelVersion = near.ModelVersion,
        };
    }

    /// <summary>Fills <paramref name="items"/> up to <paramref name="count"/> with candidates it lacks, scored below
    /// every item already there (half the lowest, scaled by the candidate's share of the best candidate's score).</summary>
    private void AddBelow(List<FoundItem> items, int count, IEnumerable<(string ItemId, double Score)> candidates, string reason)
    {
        var ceiling = items.Count == 0 ? 1 : items.Min(item => item.Score);
        var fresh = candidates.Where(candidate => items.TrueForAll(item => item.ItemId != candidate.ItemId)).Take(count - items.Count).ToList();
        var best = fresh.Count == 0 ? 1 : Math.Max(fresh.Max(candidate => candidate.Score), double.Epsilon);
        items.AddRange(fresh.Select(candidate => new FoundItem
        {
            ItemId = candidate.ItemId,
            Title = Title(candidate.ItemId),
            Score = ceiling * 0.5 * Math.Max(candidate.Score, 0) / best,
            Reason = reason,
        }));
    }

    private string Title(string itemId) => catalog.Titles.GetValueOrDefault(itemId, itemId);

    private static string SearchReason(bool byKeyword, PersonalAffinity? affinity)
    {
        var match = byKeyword ? "matches the search" : "close to the search in meaning";
        return affinity?.Source switch
        {
            RecommendationSource.Repeat => $"{match}; you bought it before",
            RecommendationSource.CoOccurrence => $"{match}; often bought with what you buy",
            RecommendationSource.RecentlyViewed => $"{match}; you viewed it recently",
            _ => match,
        };
    }
}
