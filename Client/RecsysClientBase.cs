using System.Globalization;
using System.Text.RegularExpressions;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;

namespace Recsys.Client;

/// <summary>What both transports share: every request is checked against the contract before anything
/// leaves, and events and items go out in batches of <see cref="RecsysClientOptions.BatchSize"/>, with
/// field errors the service reports for a batch renumbered to count from the caller's input.</summary>
public abstract partial class RecsysClientBase : IRecsysClient
{
    private const string EventsCollection = "events";
    private const string ItemsCollection = "items";

    protected RecsysClientBase(RecsysClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    protected RecsysClientOptions Options { get; }

    public async Task<TrackResult> Track(IEnumerable<UserEvent> events, CancellationToken cancellationToken = default)
    {
        var all = Materialize(events);
        var now = DateTimeOffset.UtcNow;
        ThrowIfInvalid(all.SelectMany((e, i) => ContractValidator.Validate(e, now, Options.MaxClockSkew, $"{EventsCollection}[{i}]")));
        var total = TrackResult.Empty;
        foreach (var (batch, offset) in Batches(all))
        {
            total = total.Add(await Renumbered(WithRetries(() => SendEvents(batch, cancellationToken), cancellationToken), offset));
        }
        return total;
    }

    public async Task<int> UpsertItems(IEnumerable<ItemInfo> items, CancellationToken cancellationToken = default)
    {
        var all = Materialize(items);
        ThrowIfInvalid(all.SelectMany((item, i) => ContractValidator.Validate(item, $"{ItemsCollection}[{i}]")));
        var upserted = 0;
        foreach (var (batch, offset) in Batches(all))
        {
            upserted += await Renumbered(WithRetries(() => SendItems(batch, cancellationToken), cancellationToken), offset);
        }
        return upserted;
    }

    public Task<ItemSnapshot> Item(string itemId, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(ContractValidator.ValidateId(itemId, "itemId"));
        return WithRetries(() => GetItem(itemId, cancellationToken), cancellationToken);
    }

    public Task<RecommendationList> Recommend(string userId, RecommendationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ThrowIfInvalid(ContractValidator.ValidateId(userId, "userId").Concat(ContractValidator.Validate(request)));
        return WithRetries(() => GetRecommendations(userId, request, cancellationToken), cancellationToken);
    }

    public Task<UserProfile> Profile(string userId, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(ContractValidator.ValidateId(userId, "userId"));
        return WithRetries(() => GetProfile(userId, cancellationToken), cancellationToken);
    }

    public Task<SearchResults> Search(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ThrowIfInvalid(ContractValidator.Validate(request));
        return WithRetries(() => GetSearchResults(request, cancellationToken), cancellationToken);
    }

    public Task<SimilarItems> Similar(string itemId, int count = SearchRequest.DefaultCount, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(ContractValidator.ValidateSimilar(itemId, count));
        return WithRetries(() => GetSimilarItems(itemId, count, cancellationToken), cancellationToken);
    }

    public Task Forget(string userId, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(ContractValidator.ValidateId(userId, "userId"));
        return WithRetries(async () =>
        {
            await Erase(userId, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>Sends one valid batch; field errors name entries as events[i] counted in the batch.</summary>
    protected abstract Task<TrackResult> SendEvents(IReadOnlyList<UserEvent> batch, CancellationToken cancellationToken);

    /// <summary>Sends one valid batch; returns how many items were stored.</summary>
    protected abstract Task<int> SendItems(IReadOnlyList<ItemInfo> batch, CancellationToken cancellationToken);

    /// <exception cref="RecsysNotFoundException">The item was neither upserted nor seen in events.</exception>
    protected abstract Task<ItemSnapshot> GetItem(string itemId, CancellationToken cancellationToken);

    protected abstract Task<RecommendationList> GetRecommendations(string userId, RecommendationRequest request, CancellationToken cancellationToken);

    protected abstract Task<UserProfile> GetProfile(string userId, CancellationToken cancellationToken);

    protected abstract Task<SearchResults> GetSearchResults(SearchRequest request, CancellationToken cancellationToken);

    /// <exception cref="RecsysNotFoundException">The item was neither upserted nor seen in events.</exception>
    protected abstract Task<SimilarItems> GetSimilarItems(string itemId, int count, CancellationToken cancellationToken);

    protected abstract Task Erase(string userId, CancellationToken cancellationToken);

    /// <summary>Sends again after <see cref="RecsysClientOptions.RetryDelay"/> (doubling) while the service is
    /// unavailable, at most <see cref="RecsysClientOptions.MaxRetries"/> times.</summary>
    private async Task<T> WithRetries<T>(Func<Task<T>> send, CancellationToken cancellationToken)
    {
        var delay = Options.RetryDelay;
        for (var retry = 0; ; retry++)
        {
            try
            {
                return await send();
            }
            catch (RecsysUnavailableException) when (retry < Options.MaxRetries && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(delay, cancellationToken);
                delay *= 2;
            }
        }
    }

    private IEnumerable<(List<T> Batch, int Offset)> Batches<T>(List<T> all)
    {
        for (var offset = 0; offset < all.Count; offset += Options.BatchSize)
        {
            yield return (all.GetRange(offset, Math.Min(Options.BatchSize, all.Count - offset)), offset);
        }
    }

    private static async Task<T> Renumbered<T>(Task<T> send, int batchOffset)
    {
        try
        {
            return await send;
        }
        catch (RecsysValidationException refused) when (batchOffset > 0)
        {
            throw new RecsysValidationException(
                [.. refused.Errors.Select(error => error with { Field = Renumber(error.Field, batchOffset) })],
                refused.StatusCode, refused.Title, refused.Detail);
        }
    }

    private static string Renumber(string field, int batchOffset) =>
        BatchIndex().Replace(field, m =>
            $"{m.Groups["collection"].Value}[{int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture) + batchOffset}]");

    private static List<T> Materialize<T>(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return [.. values];
    }

    private static void ThrowIfInvalid(IEnumerable<FieldError> errors)
    {
        var found = errors.ToList();
        if (found.Count > 0)
        {
            throw new RecsysValidationException(found);
        }
    }

    [GeneratedRegex(@"^(?<collection>events|items)\[(?<index>\d+)\]")]
    private static partial Regex BatchIndex();
}
