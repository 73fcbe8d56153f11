using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Recsys.Silo.Tests;

/// <summary>Requests an attacker or a broken client sends: malformed and mistyped JSON, giant and deeply nested
/// bodies, control characters, encoded slashes, abused headers and queries. Every one gets a 4xx, none a 5xx, and
/// the silo's health endpoint keeps answering between them.</summary>
public sealed class HostileRequestTests(SiloFixture fixture, ITestOutputHelper output) : SiloTests(fixture)
{
    private static readonly TimeSpan HealthyWithin = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Every_hostile_request_gets_a_4xx_and_health_keeps_answering()
    {
        var requests = HostileRequests().ToList();
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        var slowestHealth = TimeSpan.Zero;
        // HttpClient sends the body anyway after a second without an answer to Expect: 100-continue; on a busy machine
        // the silo's 413 can take longer, and the connection is then cut under a 17 MB body.
        using var http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = Silo.Address,
        };
        for (var i = 0; i < requests.Count; i++)
        {
            var (description, build) = requests[i];
            int status;
            try
            {
                using var request = build();
                using var response = await http.SendAsync(request);
                status = (int)response.StatusCode;
            }
            catch (HttpRequestException e)
            {
                failures.Add($"{description}: the connection failed ({e.Message})");
                continue;
            }
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status is < 400 or >= 500)
            {
                failures.Add($"{description}: {status}");
            }
            if (i % 10 == 0)
            {
                var clock = Stopwatch.StartNew();
                Assert.Equal(HttpStatusCode.OK, (await Silo.Http.GetAsync("/healthz")).StatusCode);
                slowestHealth = clock.Elapsed > slowestHealth ? clock.Elapsed : slowestHealth;
            }
        }

        output.WriteLine($"{requests.Count} hostile requests: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} × {s.Key}"))}; slowest /healthz between them {slowestHealth.TotalMilliseconds:0} ms");
        Assert.True(requests.Count >= 200, $"only {requests.Count} requests");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(slowestHealth < HealthyWithin, $"/healthz took {slowestHealth.TotalMilliseconds:0} ms between hostile requests");
    }

    private static IEnumerable<(string Description, Func<HttpRequestMessage> Build)> HostileRequests()
    {
        string[] bodyEndpoints = ["/v1/events", "/v1/items", "/v1/users/u1/recommendations"];
        foreach (var (name, body) in MalformedJson())
        {
            foreach (var endpoint in bodyEndpoints.Append("/v1/items/i1"))
            {
                var method = endpoint == "/v1/items/i1" ? HttpMethod.Put : HttpMethod.Post;
                yield return ($"{method} {endpoint} with {name}", () => Json(method, endpoint, body));
            }
        }
        foreach (var (field, value) in MistypedEventFields())
        {
            yield return ($"an event with {field} = {value}", () => Json(HttpMethod.Post, "/v1/events", "[" + Event(field, value) + "]"));
            yield return ($"an NDJSON event with {field} = {value}", () => Body(HttpMethod.Post, "/v1/events", Event(field, value) + "\n", "application/x-ndjson"));
        }
        foreach (var (field, value) in MistypedItemFields())
        {
            yield return ($"an item with {field} = {value}", () => Json(HttpMethod.Post, "/v1/items", $$"""[{"id":"i1","title":"Mug",{{Quote(field)}}:{{value}}}]"""));
        }
        foreach (var (field, value) in MistypedRequestFields())
        {
            yield return ($"a recommendation request with {field} = {value}", () => Json(HttpMethod.Post, "/v1/users/u1/recommendations", $$"""{{{Quote(field)}}:{{value}}}"""));
        }
        foreach (var id in HostileIds())
        {
            yield return ($"an event for user '{Printable(id)}'", () => Json(HttpMethod.Post, "/v1/events", "[" + Event("userId", Quote(id)) + "]"));
            yield return ($"an event for item '{Printable(id)}'", () => Json(HttpMethod.Post, "/v1/events", "[" + Event("itemId", Quote(id)) + "]"));
            yield return ($"an item '{Printable(id)}'", () => Json(HttpMethod.Post, "/v1/items", $$"""[{"id":{{Quote(id)}},"title":"Mug"}]"""));
        }
        foreach (var path in HostilePaths())
        {
            yield return ($"GET {path}", () => new HttpRequestMessage(HttpMethod.Get, path));
        }
        foreach (var (name, build) in GiantRequests())
        {
            yield return (name, build);
        }
        foreach (var (name, build) in HeaderAbuse())
        {
            yield return (name, build);
        }
        foreach (var query in HostileQueries())
        {
            yield return ($"GET recommendations?{query}", () => new HttpRequestMessage(HttpMethod.Get, "/v1/users/u1/recommendations?" + query));
        }
        foreach (var query in HostileSearches())
        {
            yield return ($"GET search?{Printable(query)}", () => new HttpRequestMessage(HttpMethod.Get, "/v1/search?" + query));
        }
        foreach (var id in HostileIds())
        {
            yield return ($"GET similar items of '{Printable(id)}'", () => new HttpRequestMessage(HttpMethod.Get, $"/v1/items/{Uri.EscapeDataString(id)}/similar"));
        }
    }

    /// <summary>The search query is free text: only its length, control characters and the other parameters are refused.</summary>
    private static IEnumerable<string> HostileSearches() =>
    [
        "", "q=", "q=%00", "q=a%0Db", "q=" + new string('q', 257), "q=" + Uri.EscapeDataString(new string('é', 300)), "q=mug&k=-1",
        "q=mug&k=101", "q=mug&k=abc", "q=mug&typos=yes", "q=mug&userId=a%2Fb", "q=mug&userId=" + new string('u', 129),
        "q=mug&userId=%E2%80%AE", "q=%D8%00", "q=mug&k=10&k=abc",
    ];

    private static IEnumerable<(string, string)> MalformedJson() =>
    [
        ("an empty body", ""), ("an open brace", "{"), ("an open bracket", "["), ("an unclosed object", "[{"), ("a lone bracket", "]"),
        ("null", "null"), ("true", "true"), ("a number", "1"), ("a string", "\"x\""), ("numbers", "[1,2]"), ("[null]", "[null]"),
        ("nested arrays", "[[]]"), ("a member without value", "{\"a\":}"), ("a trailing comma", "[{},]"), ("a comment", "/* hi */ []"),
        ("NaN", "[{\"price\":NaN}]"), ("a NUL byte", "\u0000"), ("a lone surrogate", "[\"\\ud800\"]"), ("a huge exponent", "[1e999999]"),
        ("single quotes", "[{'eventId':'e'}]"), ("unquoted names", "[{eventId:\"e\"}]"), ("a truncated string", "[{\"eventId\":\"e"),
        ("an escaped lone surrogate in a name", "[{\"eventId\":\"e1\",\"ba\\ud800d\":1}]"), ("garbage after the value", "[] []"), ("XML", "<events><event/></events>"), ("an invalid escape", "[\"\\x41\"]"),
    ];

    private static IEnumerable<(string, string)> MistypedEventFields() =>
    [
        ("eventId", "1"), ("eventId", "true"), ("eventId", "{}"), ("eventId", "[]"), ("eventId", "null"), ("eventId", "\"\""),
        ("userId", "7"), ("userId", "null"), ("itemId", "[\"a\"]"), ("type", "0"), ("type", "3"), ("type", "\"TELEPORT\""), ("type", "null"),
        ("timestamp", "123"), ("timestamp", "\"yesterday\""), ("timestamp", "\"2011-13-45T00:00:00Z\""), ("timestamp", "\"2011-01-01T10:00:00\""),
        ("timestamp", "\"2011-01-01\""), ("timestamp", "\"9999-12-31T23:59:59Z\""), ("timestamp", "\"1900-01-01T00:00:00Z\""),
        ("quantity", "\"1\""), ("quantity", "1.5"), ("quantity", "-1"), ("quantity", "0"), ("quantity", "1e10"), ("price", "\"NaN\""),
        ("price", "-1"), ("price", "\"1\""), ("price", "1e400"), ("promotionIds", "\"x\""), ("promotionIds", "[1]"), ("promotionIds", "[null]"),
        ("location", "5"), ("location", "\"\""), ("device", "{}"), ("basketId", "[]"),
    ];

    private static IEnumerable<(string, string)> MistypedItemFields() =>
    [
        ("title", "1"), ("title", "\"\""), ("title", "null"), ("price", "\"cheap\""), ("price", "-5"), ("onPromotion", "\"yes\""),
        ("promotionIds", "\"XMAS\""), ("category", "[]"), ("description", $"\"{new string('d', 9000)}\""),
    ];

    private static IEnumerable<(string, string)> MistypedRequestFields() =>
    [
        ("count", "0"), ("count", "-1"), ("count", "\"10\""), ("count", "100000"), ("at", "\"now\""), ("at", "\"2011-01-01T10:00:00\""),
        ("excludeItemIds", "\"a\""), ("excludeItemIds", "[1]"), ("promotionIds", "{}"), ("location", "[]"),
    ];

    private static IEnumerable<string> HostileIds() =>
    [
        "a/b", "a\\b", "a b", "a\u0001b", "a\u007fb", "a\u202eb", "a\u200bb", "é", "..", ".", "a%2Fb", "a?b", "a#b", "<script>", "' OR 1=1 --",
        new('x', 129), "a\nb", "\t",
    ];

    private static IEnumerable<string> HostilePaths() =>
    [
        "/v1/users/%2F/profile", "/v1/users/%252F/profile", "/v1/users/..%2F..%2Fetc%2Fpasswd/profile", "/v1/users/a%00b/profile",
        "/v1/items/%2e%2e", "/v1/items/a%20b", "/v1/users/%E2%80%AE/profile", "/v1/users/" + new string('u', 10_000) + "/profile",
        "/v1/items/" + new string('i', 200), "/v1/users/%C0%AF/profile", "/v1/users/%ZZ/profile", "/v1/nothing", "/v1/users//profile",
    ];

    private static IEnumerable<(string, Func<HttpRequestMessage>)> GiantRequests()
    {
        yield return ("a 17 MB body", () => Json(HttpMethod.Post, "/v1/events", "[" + new string(' ', 17 * 1024 * 1024) + "]"));
        yield return ("10,001 events", () => Json(HttpMethod.Post, "/v1/events",
            "[" + string.Join(",", Enumerable.Range(0, 10_001).Select(i => Event("eventId", Quote($"e{i}")))) + "]"));
        yield return ("a 10 MB id", () => Json(HttpMethod.Post, "/v1/events", "[" + Event("userId", Quote(new string('u', 10 * 1024 * 1024))) + "]"));
        yield return ("10,000 nested arrays", () => Json(HttpMethod.Post, "/v1/events", new string('[', 10_000) + new string(']', 10_000)));
        yield return ("100 nested objects in an event", () => Json(HttpMethod.Post, "/v1/events",
            "[" + Event("location", string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100)) + "]"));
        yield return ("an NDJSON line of 1 MB", () => Body(HttpMethod.Post, "/v1/events", Event("itemId", Quote(new string('i', 1024 * 1024))) + "\n", "application/x-ndjson"));
        yield return ("NDJSON of blank lines", () => Body(HttpMethod.Post, "/v1/events", new string('\n', 100_000), "application/x-ndjson"));
        yield return ("1,001 excluded items", () => Json(HttpMethod.Post, "/v1/users/u1/recommendations",
            "{\"excludeItemIds\":[" + string.Join(",", Enumerable.Range(0, 1001).Select(i => Quote($"i{i}"))) + "]}"));
        yield return ("an object of 100,000 members", () => Json(HttpMethod.Post, "/v1/events",
            "[{" + string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"\"m{i}\":1")) + "}]"));
    }

    private static IEnumerable<(string, Func<HttpRequestMessage>)> HeaderAbuse()
    {
        var events = "[" + Event("eventId", "\"e1\"") + "]";
        yield return ("no Content-Type", () => new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(events)) });
        yield return ("text/plain", () => Body(HttpMethod.Post, "/v1/events", events, "text/plain"));
        yield return ("application/xml", () => Body(HttpMethod.Post, "/v1/events", events, "application/xml"));
        yield return ("multipart/form-data", () => Body(HttpMethod.Post, "/v1/events", events, "multipart/form-data"));
        yield return ("a JSON array sent as NDJSON", () => Body(HttpMethod.Post, "/v1/events", events, "application/x-ndjson"));
        yield return ("an unknown charset", () =>
        {
            var request = Json(HttpMethod.Post, "/v1/events", "[");
            request.Content!.Headers.ContentType!.CharSet = "utf-7";
            return request;
        });
        yield return ("a 64 KB header", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/v1/users/u1/profile");
            request.Headers.TryAddWithoutValidation("X-Padding", new string('p', 64 * 1024));
            return request;
        });
        yield return ("500 headers", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/v1/users/u1/profile");
            for (var i = 0; i < 500; i++)
            {
                request.Headers.TryAddWithoutValidation($"X-H{i}", new string('h', 100));
            }
            return request;
        });
        foreach (var (method, path) in new[] { ("PATCH", "/v1/events"), ("TRACE", "/v1/events"), ("DELETE", "/v1/events"), ("PUT", "/v1/users/u1/profile"),
                     ("GET", "/v1/events"), ("POST", "/v1/items/i1"), ("DELETE", "/v1/items/i1"), ("PATCH", "/v1/users/u1") })
        {
            yield return ($"{method} {path}", () => new HttpRequestMessage(new HttpMethod(method), path));
        }
    }

    private static IEnumerable<string> HostileQueries() =>
    [
        "k=-1", "k=0", "k=99999999999", "k=abc", "k=1.5", "at=garbage", "at=2011-01-01T10:00:00", "at=2011-02-30T00:00:00Z",
        "exclude=" + string.Join(",", Enumerable.Range(0, 5000).Select(i => $"i{i}")), "exclude=a%2Fb", "promotion=%00",
        "location=" + new string('l', 1000), "device=%0D%0AX-Injected:1", "k=10&k=20&k=abc",
    ];

    private static string Event(string field, string value)
    {
        var fields = new Dictionary<string, string>
        {
            ["eventId"] = "\"e1\"",
            ["userId"] = "\"u1\"",
            ["itemId"] = "\"i1\"",
            ["type"] = "\"view\"",
            ["timestamp"] = "\"2011-06-01T09:00:00Z\"",
        };
        fields[field] = value;
        return "{" + string.Join(",", fields.Select(pair => $"\"{pair.Key}\":{pair.Value}")) + "}";
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static string Printable(string text) => text.Length > 20 ? $"{text[..8]}... ({text.Length} chars)" : Quote(text);

    private static HttpRequestMessage Json(HttpMethod method, string path, string body) => Body(method, path, body, "application/json");

    /// <summary>With Expect: 100-continue, as the client library sends large bodies: an oversized one is refused
    /// before it travels instead of the connection being cut under it.</summary>
    private static HttpRequestMessage Body(HttpMethod method, string path, string body, string mediaType)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        request.Headers.ExpectContinue = true;
        return request;
    }
}
