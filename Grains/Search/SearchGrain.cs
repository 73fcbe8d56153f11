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
/// Keyword matching only: the semantic half (the text encoder's vectors) comes with the model's serving.</summary>
[GrainType("search")]
[StatelessWorker]
public sealed class SearchGrain(
    CatalogReplica catalog,
    IOptions<SearchOptions> options,
    IOptions<RecommenderOptions> recommenderOptions,
    TimeProvider clock)
    : Grain, ISearchGrain
{
    public const string KeywordStrategy = "keyword-bm25/1";
    public const string PersonalStrategy = "keyword-bm25+personal/1";
    public const string SimilarStrategy = "co-occurrence+title/1";

    private readonly SearchOptions _options = options.Value;

    public async Task<SearchResults> Search(SearchRequest request)
    {
        ContractViolationException.ThrowIfAny(ContractValidator.Validate(request));
        await catalog.Refresh(GrainFactory);
        var personal = request.UserId is not null && _options.PersonalWeight > 0;
        var hits = catalog.Index.Search(request.Query, personal ? Math.Max(request.Count, _options.PersonalCandidates) : request.Count, request.TypoTolerant);
        var affinities = personal && hits.Count > 0
            ? await GrainFactory.GetGrain<IUserGrain>(request.UserId!).Affinities([.. hits.Select(hit => hit.ItemId)], request.At ?? clock.GetUtcNow())
            : new Dictionary<string, PersonalAffinity>();
        var best = hits.Count == 0 ? 1 : hits.Max(hit => hit.Score);
        // Relative to the strongest affinity among the matches: what the user is drawn to most of what they look for
        // gets the whole personal weight, however it compares with their favourite items overall.
        var strongest = affinities.Count == 0 ? 1 : affinities.Values.Max(affinity => affinity.Score);
        var items = hits
            .Select(hit =>
            {
                var affinity = affinities.GetValueOrDefault(hit.ItemId);
                return new FoundItem
                {
                    ItemId = hit.ItemId,
                    Title = hit.Title,
                    Score = hit.Score / best + _options.PersonalWeight * (affinity?.Score ?? 0) / strongest,
                    Reason = SearchReason(affinity),
                };
            })
            .OrderByDescending(item => item.Score).ThenBy(item => item.ItemId, StringComparer.Ordinal)
            .Take(request.Count)
            .ToList();
        return new SearchResults { Query = request.Query, UserId = request.UserId, Items = items, Strategy = personal ? PersonalStrategy : KeywordStrategy };
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
        if (items.Count < count)
        {
            // Below every item bought with it: a title in common says less than baskets in common.
            var ceiling = items.Count == 0 ? 1 : items.Min(item => item.Score);
            var alike = catalog.Index.LikeTitleOf(itemId, count).Where(hit => items.TrueForAll(item => item.ItemId != hit.ItemId)).ToList();
            var best = alike.Count == 0 ? 1 : alike.Max(hit => hit.Score);
            items.AddRange(alike.Take(count - items.Count).Select(hit => new FoundItem
            {
                ItemId = hit.ItemId,
                Title = Title(hit.ItemId),
                Score = ceiling * 0.5 * hit.Score / best,
                Reason = $"a title like {title}'s",
            }));
        }
        var known = items.Count > 0 || (await GrainFactory.GetGrain<IItemGrain>(itemId).Info()).Exists;
        return new SimilarItems { ItemId = itemId, Items = items, Strategy = SimilarStrategy, Known = known };
    }

    private string Title(string itemId) => catalog.Titles.GetValueOrDefault(itemId, itemId);

    private static string SearchReason(PersonalAffinity? affinity) => affinity?.Source switch
    {
        RecommendationSource.Repeat => "matches the search; you bought it before",
        RecommendationSource.CoOccurrence => "matches the search; often bought with what you buy",
        RecommendationSource.RecentlyViewed => "matches the search; you viewed it recently",
        _ => "matches the search",
    };
}
