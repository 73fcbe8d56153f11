using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Runtime.Serialization;

namespace Recsys.Client;

/// <summary><see cref="IRecsysClient"/> over the silo's HTTP gateway. The HttpClient is not owned
/// (take it from IHttpClientFactory, see <see cref="RecsysClientServiceCollectionExtensions.AddRecsysClient"/>);
/// only <see cref="RecsysClientOptions.BaseAddress"/> decides where requests go.</summary>
public sealed partial class HttpRecsysClient : IRecsysClient
{
    private const string EventsCollection = "events";
    private const string ItemsCollection = "items";

    private readonly HttpClient _http;
    private readonly RecsysClientOptions _options;
    private readonly Uri _baseAddress;

    public HttpRecsysClient(HttpClient http, RecsysClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _options = options;
        // Relative paths resolve under the base path only when it ends with a slash.
        var address = options.BaseAddress.AbsoluteUri;
        _baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public async Task<TrackResult> Track(IEnumerable<UserEvent> events, CancellationToken cancellationToken = default)
    {
        var all = Materialize(events);
        var now = DateTimeOffset.UtcNow;
        ThrowIfInvalid(all.SelectMany((e, i) => ContractValidator.Validate(e, now, _options.MaxClockSkew, $"{EventsCollection}[{i}]")));
        var total = TrackResult.Empty;
        for (var offset = 0; offset < all.Count; offset += _options.BatchSize)
        {
            var batch = all.Skip(offset).Take(_options.BatchSize).ToList();
            total = total.Add(await Send<TrackResult>(HttpMethod.Post, "v1/events", Json(batch), offset, cancellationToken));
        }
        return total;
    }

    public async Task<int> UpsertItems(IEnumerable<ItemInfo> items, CancellationToken cancellationToken = default)
    {
        var all = Materialize(items);
        ThrowIfInvalid(all.SelectMany((item, i) => ContractValidator.Validate(item, $"{ItemsCollection}[{i}]")));
        var upserted = 0;
        for (var offset = 0; offset < all.Count; offset += _options.BatchSize)
        {
            var batch = all.Skip(offset).Take(_options.BatchSize).ToList();
            upserted += (await Send<ItemsUpserted>(HttpMethod.Post, "v1/items", Json(batch), offset, cancellationToken)).Upserted;
        }
        return upserted;
    }

    public Task<ItemSnapshot> Item(string itemId, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(ContractValidator.ValidateId(itemId, "itemId"));
        return Send<ItemSnapshot>(HttpMethod.Get, $"v1/items/{Uri.EscapeDataString(itemId)}", null, 0, cancellationToken);
    }

    public Task<RecommendationList> Recommend(string userId, RecommendationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ThrowIfInvalid(ContractValidator.ValidateId(userId, "userId").Concat(ContractValidator.Validate(request)));
        // The body form: exclusion lists of any allowed length and ids with commas, which a query string cannot carry.
        return Send<RecommendationList>(HttpMethod.Post, $"{UserPath(userId)}/recommendations", Json(request), 0, cancellationToken);
    }

    public Task<UserProfile> Profile(string userId, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(ContractValidator.ValidateId(userId, "userId"));
        return Send<UserProfile>(HttpMethod.Get, $"{UserPath(userId)}/profile", null, 0, cancellationToken);
    }

    public Task Forget(string userId, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(ContractValidator.ValidateId(userId, "userId"));
        return Send<object>(HttpMethod.Delete, UserPath(userId), null, 0, cancellationToken);
    }

    /// <summary>The answer to a bulk item upsert.</summary>
    private sealed record ItemsUpserted(int Upserted);

    /// <summary>The fields of a problem response this client reads.</summary>
    private sealed record ProblemBody(string? Title, string? Detail, Dictionary<string, string[]>? Errors);

    /// <summary>A body with a known length, so that the service can refuse an oversized one before it
    /// is sent (with Expect: 100-continue) instead of cutting the connection halfway.</summary>
    private static ByteArrayContent Json<T>(T value)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, RecsysJson.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static string UserPath(string userId) => $"v1/users/{Uri.EscapeDataString(userId)}";

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

    /// <param name="batchOffset">Where the batch starts in the caller's input: field names in the
    /// service's answer count from the batch, and are renumbered to count from the input.</param>
    private async Task<T> Send<T>(HttpMethod method, string path, HttpContent? content, int batchOffset, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Timeout);
        using var request = new HttpRequestMessage(method, new Uri(_baseAddress, path)) { Content = content };
        request.Headers.ExpectContinue = content is not null;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw await Failure(response, batchOffset, deadline.Token);
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
                $"The recommendation service at {_baseAddress} did not answer {method} {path} within {_options.Timeout.TotalSeconds:0.###} s.", innerException: e);
        }
    }

    private static async Task<RecsysClientException> Failure(HttpResponseMessage response, int batchOffset, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var problem = await ReadProblem(response, cancellationToken);
        var title = problem?.Title;
        var detail = problem?.Detail;
        var message = $"{status} {title ?? response.ReasonPhrase}{(detail is null ? "" : ": " + detail)}";
        return status switch
        {
            400 => new RecsysValidationException(FieldErrors(problem, batchOffset), status, title, detail),
            404 => new RecsysNotFoundException(message, title, detail),
            413 => new RecsysPayloadTooLargeException(message, title, detail),
            503 or 504 => new RecsysUnavailableException(message, status, title, detail),
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

    private static List<FieldError> FieldErrors(ProblemBody? problem, int batchOffset) =>
        problem?.Errors is { Count: > 0 } errors
            ? [.. errors.SelectMany(field => field.Value.Select(message => new FieldError(Renumber(field.Key, batchOffset), message)))]
            : [new FieldError("request", problem?.Detail ?? "was refused.")];

    private static string Renumber(string field, int batchOffset) =>
        batchOffset == 0
            ? field
            : BatchIndex().Replace(field, m =>
                $"{m.Groups["collection"].Value}[{int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture) + batchOffset}]");

    [GeneratedRegex(@"^(?<collection>events|items)\[(?<index>\d+)\]")]
    private static partial Regex BatchIndex();
}
