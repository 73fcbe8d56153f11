using Recsys.Grains.Interfaces;

namespace Recsys.Client;

/// <summary>The recommendation service as a frontend sees it. Requests are validated here first
/// (<see cref="Recsys.Grains.Interfaces.Validation.ContractValidator"/>), so a bad one fails without a
/// round trip. Errors: <see cref="RecsysValidationException"/>, <see cref="RecsysNotFoundException"/>,
/// <see cref="RecsysPayloadTooLargeException"/>, <see cref="RecsysUnavailableException"/>, all
/// <see cref="RecsysClientException"/>s; cancelling the token throws OperationCanceledException.</summary>
public interface IRecsysClient
{
    /// <summary>Sends events in batches of <see cref="RecsysClientOptions.BatchSize"/>. Every event is
    /// validated before the first batch leaves; if a later batch is refused, the earlier ones are stored,
    /// and sending everything again is safe because known event ids are dropped as duplicates.</summary>
    Task<TrackResult> Track(IEnumerable<UserEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces catalog items, in batches like <see cref="Track"/>.</summary>
    /// <returns>How many items the service stored.</returns>
    Task<int> UpsertItems(IEnumerable<ItemInfo> items, CancellationToken cancellationToken = default);

    /// <exception cref="RecsysNotFoundException">The item was neither upserted nor seen in events.</exception>
    Task<ItemSnapshot> Item(string itemId, CancellationToken cancellationToken = default);

    Task<RecommendationList> Recommend(string userId, RecommendationRequest request, CancellationToken cancellationToken = default);

    Task<UserProfile> Profile(string userId, CancellationToken cancellationToken = default);

    /// <summary>Catalog items matching the request's words, re-ranked for its user when it names one.</summary>
    Task<SearchResults> Search(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>Items often bought with the item, then items with similar titles.</summary>
    /// <exception cref="RecsysNotFoundException">The item was neither upserted nor seen in events.</exception>
    Task<SimilarItems> Similar(string itemId, int count = SearchRequest.DefaultCount, CancellationToken cancellationToken = default);

    /// <summary>Erases everything the service stores about the user.</summary>
    Task Forget(string userId, CancellationToken cancellationToken = default);
}
