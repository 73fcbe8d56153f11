using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Recsys.Client;
using Recsys.Silo.Options;

namespace Recsys.Silo.Tests;

/// <summary>API keys with scopes, per-key rate limits, the refusal to serve the network without keys, CORS and what
/// the public documents reveal.</summary>
public sealed class SecurityTests
{
    private const string IngestKey = "rsk_test-ingest";
    private const string ReaderKey = "rsk_test-reader";
    private const string AdminKey = "rsk_test-admin";
    private const string SlowKey = "rsk_test-slow";

    private static readonly Dictionary<string, string?> Keys = new()
    {
        ["Recsys:Security:ApiKeys:0:Name"] = "importer",
        ["Recsys:Security:ApiKeys:0:Sha256"] = ApiKeyOptions.HashOf(IngestKey),
        ["Recsys:Security:ApiKeys:0:Scopes:0"] = ApiScopes.Ingest,
        ["Recsys:Security:ApiKeys:0:Scopes:1"] = ApiScopes.Catalog,
        ["Recsys:Security:ApiKeys:1:Name"] = "frontend",
        ["Recsys:Security:ApiKeys:1:Sha256"] = ApiKeyOptions.HashOf(ReaderKey),
        ["Recsys:Security:ApiKeys:1:Scopes:0"] = ApiScopes.Read,
        ["Recsys:Security:ApiKeys:2:Name"] = "operator",
        ["Recsys:Security:ApiKeys:2:Sha256"] = ApiKeyOptions.HashOf(AdminKey).ToUpperInvariant(),
        ["Recsys:Security:ApiKeys:2:Scopes:0"] = ApiScopes.Admin,
        ["Recsys:Security:ApiKeys:2:Scopes:1"] = ApiScopes.Read,
        ["Recsys:Security:ApiKeys:3:Name"] = "slow",
        ["Recsys:Security:ApiKeys:3:Sha256"] = ApiKeyOptions.HashOf(SlowKey),
        ["Recsys:Security:ApiKeys:3:Scopes:0"] = ApiScopes.Read,
        ["Recsys:Security:ApiKeys:3:RequestsPerSecond"] = "2",
    };

    [Fact]
    public async Task Each_endpoint_needs_a_key_with_its_scope()
    {
        await using var silo = await TestSilo.Start(Keys);
        var user = Sample.Id("u");
        var events = Sample.Json(new[] { Sample.Event(user, "i1") });

        var none = await Problem.Read(await Send(silo, HttpMethod.Post, "/v1/events", null, events), 401);
        var unknown = await Problem.Read(await Send(silo, HttpMethod.Post, "/v1/events", "rsk_wrong", events), 401);
        var readerIngesting = await Problem.Read(await Send(silo, HttpMethod.Post, "/v1/events", ReaderKey, events), 403);
        var ingested = await Send(silo, HttpMethod.Post, "/v1/events", IngestKey, events, bearer: true);
        var read = await Send(silo, HttpMethod.Get, $"/v1/users/{user}/profile", ReaderKey);
        var searched = await Send(silo, HttpMethod.Get, "/v1/search?q=mug", ReaderKey);
        var searchedWithout = await Problem.Read(await Send(silo, HttpMethod.Get, "/v1/search?q=mug", null), 401);
        var readerErasing = await Problem.Read(await Send(silo, HttpMethod.Delete, $"/v1/users/{user}", ReaderKey), 403);
        var erased = await Send(silo, HttpMethod.Delete, $"/v1/users/{user}", AdminKey);

        Assert.Contains("no API key", none.Detail);
        Assert.Contains("not one this service knows", unknown.Detail);
        Assert.Contains("'frontend' lacks the scope ingest", readerIngesting.Detail);
        Assert.Equal(HttpStatusCode.OK, ingested.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, searched.StatusCode);
        Assert.Contains("no API key", searchedWithout.Detail);
        Assert.Contains("lacks the scope admin", readerErasing.Detail);
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task A_key_past_its_rate_gets_429_with_retry_after()
    {
        await using var silo = await TestSilo.Start(Keys);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Send(silo, HttpMethod.Get, "/v1/users/someone/profile", SlowKey)));
        var elapsed = clock.Elapsed;

        // 2 at once, then 2 more per second the burst took (a slow machine may see the bucket refill during it).
        Assert.InRange(answers.Count(a => a.StatusCode == HttpStatusCode.OK), 1, 2 + 2 * (int)Math.Ceiling(elapsed.TotalSeconds));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{a.StatusCode}"));
        var refused = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains("'slow' is past its requests per second", (await Problem.Read(refused, 429)).Detail);
        Assert.Equal(HttpStatusCode.OK, (await Send(silo, HttpMethod.Get, "/v1/users/someone/profile", ReaderKey)).StatusCode);
    }

    [Fact]
    public async Task A_full_request_queue_answers_503_with_retry_after_and_health_still_answers()
    {
        await using var silo = await TestSilo.Start(new Dictionary<string, string?>
        {
            ["Recsys:Http:MaxConcurrentRequests"] = "1",
            ["Recsys:Http:MaxQueuedRequests"] = "0",
        });
        var batches = Enumerable.Range(0, 16).Select(_ => Sample.Json(Enumerable.Range(0, 2000).Select(i => Sample.Event(Sample.Id("u"), $"i{i % 50}")))).ToList();

        var posting = Task.WhenAll(batches.Select(batch => silo.Post("/v1/events", batch)));
        var health = await silo.Http.GetAsync("/healthz");
        var answers = await posting;

        Assert.All(answers, answer => Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{answer.StatusCode}"));
        var refused = answers.Where(answer => answer.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(refused);
        Assert.Contains(answers, answer => answer.StatusCode == HttpStatusCode.OK);
        Assert.Equal(TimeSpan.FromSeconds(1), refused[0].Headers.RetryAfter?.Delta);
        Assert.Contains("request queue", (await Problem.Read(refused[0], 503)).Detail);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task The_client_sends_its_key()
    {
        await using var silo = await TestSilo.Start(Keys);
        await using var withKey = await silo.ClientFor(RecsysTransport.Http, options => options.ApiKey = IngestKey);
        await using var without = await silo.ClientFor(RecsysTransport.Http);

        var tracked = await withKey.Client.Track([Sample.Event(Sample.Id("u"), "i1")]);
        var refused = await Assert.ThrowsAsync<RecsysClientException>(() => without.Client.Track([Sample.Event(Sample.Id("u"), "i1")]));

        Assert.Equal(1, tracked.Accepted);
        Assert.Equal(401, refused.StatusCode);
    }

    [Fact]
    public async Task Without_keys_the_silo_serves_only_loopback_unless_anonymous_is_chosen()
    {
        var open = new Dictionary<string, string?> { ["Recsys:LoopbackOnly"] = "false" };

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => TestSilo.Start(open));
        await using var anonymous = await TestSilo.Start(new Dictionary<string, string?>(open) { ["Recsys:Security:AllowAnonymous"] = "true" });
        await using var keyed = await TestSilo.Start(new Dictionary<string, string?>(Keys) { ["Recsys:LoopbackOnly"] = "false" });

        Assert.Contains("Recsys:Security:ApiKeys", refused.Message);
        Assert.Contains("Recsys:Security:AllowAnonymous", refused.Message);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Http.GetAsync($"/v1/users/{Sample.Id("u")}/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await keyed.Http.GetAsync($"/v1/users/{Sample.Id("u")}/profile")).StatusCode);
    }

    [Theory]
    [InlineData("Recsys:Security:ApiKeys:0:Sha256", "abc", "must be the key's SHA-256")]
    [InlineData("Recsys:Security:ApiKeys:0:Scopes:0", "write", "scopes are ingest, catalog, read, admin")]
    [InlineData("Recsys:Security:ApiKeys:1:Name", "importer", "more than once")]
    [InlineData("Recsys:Security:ApiKeys:3:Sha256", "b0e8a719e372ea8cd3b37c1605ec8ee143d6c67d9cb438120b42751e81782bd2", // the frontend's key again
         "holds one key's Sha256 more than once")]
    [InlineData("Recsys:Security:CorsOrigins:0", "shop.example.com", "must be an origin")]
    public async Task Invalid_security_settings_stop_the_silo_naming_the_key(string key, string value, string message)
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => TestSilo.Start(new Dictionary<string, string?>(Keys) { [key] = value }));

        Assert.Contains(message, refused.Message);
    }

    [Fact]
    public async Task Cors_admits_only_the_configured_origins()
    {
        await using var closed = await TestSilo.Start();
        await using var open = await TestSilo.Start(new Dictionary<string, string?> { ["Recsys:Security:CorsOrigins:0"] = "https://shop.example.com" });

        var none = await Preflight(closed, "https://shop.example.com");
        var allowed = await Preflight(open, "https://shop.example.com");
        var other = await Preflight(open, "https://evil.example.com");

        Assert.False(none.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("https://shop.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_openapi_document_declares_the_key_and_echoes_no_host()
    {
        await using var silo = await TestSilo.Start(Keys);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "attacker.example";

        var document = await (await silo.Http.SendAsync(request)).Content.ReadAsStringAsync();
        var ready = await silo.Http.GetStringAsync("/readyz");

        Assert.DoesNotContain("attacker.example", document);
        Assert.Contains("\"X-Api-Key\"", document);
        Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), ready);
    }

    private static async Task<HttpResponseMessage> Send(TestSilo silo, HttpMethod method, string path, string? key, string? json = null, bool bearer = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }
        if (key is not null && bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        else if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }
        return await silo.Http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> Preflight(TestSilo silo, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/events");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        return await silo.Http.SendAsync(request);
    }
}
