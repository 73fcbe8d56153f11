using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Recsys.Client;

namespace Recsys.Silo.Tests.Support;

/// <summary>The real silo (Orleans and Kestrel, as <c>recsys serve</c> runs it) on 127.0.0.1 with free
/// ports and its SQLite file in a folder of its own, with an HTTP client and the client library pointed
/// at it.</summary>
internal sealed class TestSilo : IAsyncDisposable
{
    private readonly TempFolder? _folder;

    private TestSilo(WebApplication app, TempFolder? folder)
    {
        App = app;
        _folder = folder;
        Address = app.GetListeningUri();
        Http = new HttpClient { BaseAddress = Address };
        Client = new HttpRecsysClient(Http, new RecsysClientOptions { BaseAddress = Address });
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public IRecsysClient Client { get; }

    /// <summary>The Orleans gateway's port, for the client's Orleans transport.</summary>
    public int GatewayPort => App.GetGatewayPort();

    /// <summary>Starts a silo with <paramref name="settings"/> over the test defaults (loopback, free ports,
    /// a SQLite file in a temporary folder removed afterwards); <paramref name="configure"/> adds to the builder.</summary>
    public static Task<TestSilo> Start(IReadOnlyDictionary<string, string?>? settings = null, string[]? args = null, Action<WebApplicationBuilder>? configure = null)
    {
        var folder = new TempFolder();
        var ports = FreePorts.Take(2);
        Dictionary<string, string?> configuration = new()
        {
            ["Recsys:Port"] = "0",
            ["Recsys:LoopbackOnly"] = "true",
            ["Recsys:Storage:Path"] = folder.File("recsys.db"),
            ["Recsys:Cluster:SiloPort"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Recsys:Cluster:GatewayPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }
        return Start(builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            configure?.Invoke(builder);
        }, args, folder: folder);
    }

    /// <summary>Starts a silo configured by <paramref name="configure"/>, the environment and <paramref name="args"/> only.</summary>
    public static async Task<TestSilo> Start(Action<WebApplicationBuilder> configure, string[]? args = null, Action<WebApplication>? extraEndpoints = null, TempFolder? folder = null)
    {
        var app = RecsysSilo.Build(args ?? [], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
            configure(builder);
        });
        extraEndpoints?.Invoke(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            folder?.Dispose();
            throw;
        }
        return new TestSilo(app, folder);
    }

    /// <summary>Posts with Expect: 100-continue, so that an oversized body is refused before it is sent
    /// rather than the connection being cut while it is.</summary>
    public async Task<HttpResponseMessage> Post(string path, string body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType)),
        };
        request.Headers.ExpectContinue = true;
        return await Http.SendAsync(request);
    }

    /// <summary>Posts events and reads the answer, which must be a success.</summary>
    public async Task<TrackResult> Track(string body, string contentType = "application/json")
    {
        var response = await Post("/v1/events", body, contentType);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TrackResult>(RecsysJson.Options))!;
    }

    public Task<HttpResponseMessage> Put(string path, string body) =>
        Http.PutAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder?.Dispose();
    }
}

/// <summary>A problem response, read and checked for the shape every error of the API has.</summary>
internal sealed record Problem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public static async Task<Problem> Read(HttpResponseMessage response, int expectedStatus)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expectedStatus == (int)response.StatusCode, $"Expected {expectedStatus}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(expectedStatus, root.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        var errors = root.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());
        return new Problem(expectedStatus, root.GetProperty("title").GetString()!,
            root.TryGetProperty("detail", out var detail) ? detail.GetString() : null, errors);
    }

    public void HasField(string field) =>
        Assert.True(Errors.ContainsKey(field), $"No error for '{field}'; errors: {string.Join(", ", Errors.Keys)}");
}

/// <summary>Frontends pointed at a test silo.</summary>
internal static class TestSiloClients
{
    /// <summary>A frontend host with the client pointed at <paramref name="silo"/> over <paramref name="transport"/>.</summary>
    public static Task<ClientHost> ClientFor(this TestSilo silo, RecsysTransport transport, Action<RecsysClientOptions>? configure = null) =>
        ClientHost.Start(options =>
        {
            options.Transport = transport;
            options.BaseAddress = silo.Address;
            options.Gateways = [$"127.0.0.1:{silo.GatewayPort}"];
            configure?.Invoke(options);
        });
}
