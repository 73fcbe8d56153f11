using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;

namespace Recsys.Client;

/// <summary><see cref="IRecsysClient"/> over the Orleans gateway: calls go straight to the grains of a
/// silo's <c>IGrainFactory</c> (an <c>IClusterClient</c> connected to <see cref="RecsysClientOptions.Gateways"/>,
/// see <see cref="RecsysClientServiceCollectionExtensions"/>). Orleans' own failures become the same typed
/// errors as over HTTP.</summary>
public sealed class OrleansRecsysClient(IGrainFactory grains, RecsysClientOptions options) : RecsysClientBase(options)
{
    protected override Task<TrackResult> SendEvents(IReadOnlyList<UserEvent> batch, CancellationToken cancellationToken) =>
        Call(() => grains.GetGrain<IEventIngestGrain>(0).Track(batch), cancellationToken);

    protected override Task<int> SendItems(IReadOnlyList<ItemInfo> batch, CancellationToken cancellationToken) =>
        Call(async () =>
        {
            await Task.WhenAll(batch.Select(item => grains.GetGrain<IItemGrain>(item.Id).Upsert(item)));
            return batch.Count;
        }, cancellationToken);

    protected override async Task<ItemSnapshot> GetItem(string itemId, CancellationToken cancellationToken)
    {
        var snapshot = await Call(() => grains.GetGrain<IItemGrain>(itemId).Info(), cancellationToken);
        return snapshot.Exists ? snapshot : throw new RecsysNotFoundException($"No item '{itemId}' was upserted or seen in events.");
    }

    protected override Task<RecommendationList> GetRecommendations(string userId, RecommendationRequest request, CancellationToken cancellationToken) =>
        Call(() => grains.GetGrain<IRecommendationGrain>(0).Recommend(userId, request), cancellationToken);

    protected override Task<UserProfile> GetProfile(string userId, CancellationToken cancellationToken) =>
        Call(() => grains.GetGrain<IUserGrain>(userId).Profile(), cancellationToken);

    protected override Task<SearchResults> GetSearchResults(SearchRequest request, CancellationToken cancellationToken) =>
        Call(() => grains.GetGrain<ISearchGrain>(0).Search(request), cancellationToken);

    protected override async Task<SimilarItems> GetSimilarItems(string itemId, int count, CancellationToken cancellationToken)
    {
        var similar = await Call(() => grains.GetGrain<ISearchGrain>(0).Similar(itemId, count), cancellationToken);
        return similar.Known ? similar : throw new RecsysNotFoundException($"No item '{itemId}' was upserted or seen in events.");
    }

    protected override Task Erase(string userId, CancellationToken cancellationToken) =>
        Call(async () =>
        {
            await grains.GetGrain<IUserGrain>(userId).Forget();
            return true;
        }, cancellationToken);

    /// <summary>Runs one call; Orleans enforces <see cref="RecsysClientOptions.Timeout"/> as its response
    /// timeout, and cancelling stops the wait (not the call).</summary>
    private async Task<T> Call<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().WaitAsync(cancellationToken);
        }
        catch (ContractViolationException violation)
        {
            throw new RecsysValidationException(violation.Errors, 400, "One or more fields are invalid", violation.Message);
        }
        catch (TimeoutException e)
        {
            throw new RecsysUnavailableException(
                $"The recommendation service did not answer within {Options.Timeout.TotalSeconds:0.###} s; the request may or may not have taken effect.", 504, innerException: e);
        }
        catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or InconsistentStateException)
        {
            throw new RecsysUnavailableException($"The recommendation service is unavailable: {e.Message}", 503, innerException: e);
        }
    }
}
