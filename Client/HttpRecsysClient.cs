using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Json;
using Recsys.Grains.Interfaces.Validation;

namespace Recsys.Client;

/// <summary><see cref="IRecsysClient"/> over the silo's HTTP gateway. The HttpClient is not owned
/// (take it from IHttpClientFactory, see <see cref="RecsysClientServiceCollectionExtensions.AddRecsysClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{RecsysClientOptions})"/>);
/// only <see cref="RecsysClientOptions.BaseAddress"/> decides where requests go.</summary>
public sealed class HttpRecsysClient : RecsysClientBase
{
    /// <summary>Bodies larger than this are sent with Expect: 100-continue, so that the service can refuse
    /// an oversized one before it travels; smaller ones go at once (the handshake costs a round trip, which
    /// measured ~1 ms at p99 on a recommendation request).</summary>
    private const long ExpectContinueAbove = 64 * 1024;

    private const string ApiKeyHeader = "X-Api-Key";

    private readonly HttpClient _http;
    private readonly Uri _baseAddress;

    public HttpRecsysClient(HttpClient http, RecsysClientOptions options)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        // Relative paths resolve under the base path only when it ends with a slash.
        var address = options.BaseAddress.AbsoluteUri;
        _baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    protected override Task<TrackResult> SendEvents(IReadOnlyList<UserEvent> batch, CancellationToken cancellationToken) =>
        Send<TrackResult>(HttpMethod.Post, "v1/events", Json(batch), cancellationToken);

    protected override async Task<int> SendItems(IReadOnlyList<ItemInfo> batch, CancellationToken cancellationToken) =>
        (await Send<ItemsUpserted>(HttpMethod.Post, "v1/items", Json(batch), cancellationToken)).Upserted;

    protected override Task<ItemSnapshot> GetItem(string itemId, CancellationToken cancellationToken) =>
        Send<ItemSnapshot>(HttpMethod.Get, $"v1/items/{Uri.EscapeDataString(itemId)}", null, cancellationToken);

    // The body form: exclusion lists of any allowed length, which a query string cannot carry.
    protected override Task<RecommendationList> GetRecommendations(string userId, RecommendationRequest request, CancellationToken cancellationToken) =>
        Send<RecommendationList>(HttpMethod.Post, $"{UserPath(userId)}/recommendations", Json(request), cancellationToken);

    protected override Task<UserProfile> GetProfile(string userId, CancellationToken cancellationToken) =>
        Send<UserProfile>(HttpMethod.Get, $"{UserPath(userId)}/profile", null, cancellationToken);

    protected override Task<SearchResults> GetSearchResults(SearchRequest request, CancellationToken cancellationToken)
    {
        var query = $"v1/search?q={Uri.EscapeDataString(request.Query)}&k={request.Count}&typos={(request.TypoTolerant ? "true" : "false")}"
                    + $"&mode={request.Mode.ToString().ToLowerInvariant()}";
        if (request.UserId is not null)
        {
            query += $"&userId={Uri.EscapeDataString(request.UserId)}";
        }
        if (request.At is { } at)
        {
            query += $"&at={Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture))}";
        }
        return Send<SearchResults>(HttpMethod.Get, query, null, cancellationToken);
    }

    protected override Task<SimilarItems> GetSimilarItems(string itemId, int count, CancellationToken cancellationToken) =>
        Send<SimilarItems>(HttpMethod.Get, $"v1/items/{Uri.EscapeDataString(itemId)}/similar?k={count}", null, cancellationToken);

    protected override Task Erase(string userId, CancellationToken cancellationToken) =>
        Send<object>(HttpMethod.Delete, UserPath(userId), null, cancellationToken);

    /// <summary>The answer to a bulk item upsert.</summary>
    private sealed record ItemsUpserted(int Upserted);

    /// <summary>The fields of a problem response this client reads.</summary>
    private sealed record ProblemBody(string? Title, string? Detail, Dictionary<string, string[]>? Errors);

    /// <summary>A body with a known length, so that the service can refuse an oversized one before it
    /// is sent (with Expect: 100-continue, see <see cref="ExpectContinueAbove"/>) instead of cutting the
    /// connection halfway.</summary>
    private static ByteArrayContent Json<T>(T value)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, RecsysJson.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static string UserPath(string userId) => $"v1/users/{Uri.EscapeDataString(userId)}";

    private async Task<T> Send<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Options.Timeout);
        using var request = new HttpRequestMessage(method, new Uri(_baseAddress, path)) { Content = content };
        request.Headers.ExpectContinue = content?.Headers.ContentLength > ExpectContinueAbove;
        if (Options.ApiKey is { } key)
        {
            request.Headers.Add(ApiKeyHeader, key);
        }
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw await Failure(response, deadline.Token);
            }
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return default!;
            }
            return await response.Content.ReadFromJsonAsync<T>(RecsysJson.Options, deadline.Token)
                ?? throw new RecsysClientException($"{method} {path} answered {(int)response.StatusCode} without a body.", (int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            throw new RecsysUnavailableException($"Cannot reach the recommendation service at {_baseAddress}: {e.Message}", innerException: e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RecsysUnavailableException(
                $"The recommendation service at {_baseAddress} did not answer {method} {path} within {Options.Timeout.TotalSeconds:0.###} s.", innerException: e);
        }
    }

    private static async Task<RecsysClientException> Failure(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var problem = await ReadProblem(response, cancellationToken);
        var title = problem?.Title;
        var detail = problem?.Detail;
        var message = $"{status} {title ?? response.ReasonPhrase}{(detail is null ? "" : ": " + detail)}";
        return status switch
        {
            400 => new RecsysValidationException(FieldErrors(problem), status, title, detail),
            404 => new RecsysNotFoundException(message, title, detail),
            413 => new RecsysPayloadTooLargeException(message, title, detail),
            // 429: the key is past its rate limit, which the client's retries with backoff wait out.
            429 or 503 or 504 => new RecsysUnavailableException(message, status, title, detail),
            _ => new RecsysClientException(message, status, title, detail),
        };
    }

    private static async Task<ProblemBody?> ReadProblem(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not ("application/problem+json" or "application/json"))
        {
            return null;
        }
        try
        {
            return await response.Content.ReadFromJsonAsync<ProblemBody>(RecsysJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<FieldError> FieldErrors(ProblemBody? problem) =>
        problem?.Errors is { Count: > 0 } errors
            ? [.. errors.SelectMany(field => field.Value.Select(message => new FieldError(field.Key, message)))]
            : [new FieldError("request", problem?.Detail ?? "was refused.")];
}
