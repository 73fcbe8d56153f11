using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Recsys.Runtime;

namespace Recsys.Silo.Tests;

public sealed class HostTests(SiloFixture fixture) : SiloTests(fixture)
{
    [Fact]
    public async Task Healthz_answers_while_the_process_lives()
    {
        Assert.Equal(HttpStatusCode.OK, (await Silo.Http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Readyz_reports_the_started_runtime()
    {
        var response = await Silo.Http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ready", json.RootElement.GetProperty("status").GetString());
        Assert.True(json.RootElement.GetProperty("checks").TryGetProperty("runtime", out _));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_endpoints()
    {
        using var json = JsonDocument.Parse(await Silo.Http.GetStringAsync("/openapi/v1.json"));
        var paths = json.RootElement.GetProperty("paths");

        foreach (var path in new[] { "/v1/events", "/v1/items", "/v1/items/{itemId}", "/v1/users/{userId}/recommendations",
                     "/v1/users/{userId}/profile", "/v1/users/{userId}", "/healthz", "/readyz" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document");
        }
    }

    [Fact]
    public async Task Swagger_ui_is_served()
    {
        var response = await Silo.Http.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_routes_and_methods_are_problems_too()
    {
        var notFound = await Problem.Read(await Silo.Http.GetAsync("/v1/nothing-here"), 404);
        var notAllowed = await Problem.Read(await Silo.Http.DeleteAsync("/v1/events"), 405);

        Assert.Empty(notFound.Errors);
        Assert.Contains("/v1/nothing-here", notFound.Detail);
        Assert.Contains("DELETE", notAllowed.Detail);
    }

    [Fact]
    public async Task Responses_use_the_service_json_conventions()
    {
        var user = Sample.Id("u");
        await Silo.Post("/v1/events", Sample.Json(new[] { Sample.Event(user, "i1", Grains.Interfaces.EventType.Purchase) }));

        var profile = await Silo.Http.GetStringAsync($"/v1/users/{user}/profile");

        Assert.Contains("\"type\":\"purchase\"", profile);
        Assert.Contains("\"eventsTracked\":1", profile);
    }
}

public sealed class ExceptionMappingTests : IAsyncLifetime
{
    private TestSilo? _silo;

    public async Task InitializeAsync() => _silo = await TestSilo.Start(
        builder => builder.Configuration["Recsys:Storage:Provider"] = "memory",
        ["--Recsys:Port=0", "--Recsys:LoopbackOnly=true"],
        app =>
        {
            app.MapGet("/test/timeout", () => Throw(new GrainCallTimeoutException(new GrainId("user", "u1"), "Track", TimeSpan.FromSeconds(1))));
            app.MapGet("/test/unavailable", () => Throw(new SiloUnavailableException("The silo is stopping.")));
            app.MapGet("/test/argument", () => Throw(new ArgumentException("events[0].userId is required.", "events")));
            app.MapGet("/test/bug", () => Throw(new InvalidOperationException("secret internals")));
        });

    public async Task DisposeAsync() => await _silo!.DisposeAsync();

    [Theory]
    [InlineData("timeout", 504)]
    [InlineData("unavailable", 503)]
    [InlineData("argument", 400)]
    [InlineData("bug", 500)]
    public async Task Exceptions_become_problems(string kind, int status)
    {
        var response = await _silo!.Http.GetAsync($"/test/{kind}");
        var body = await response.Content.ReadAsStringAsync();

        var problem = await Problem.Read(response, status);

        Assert.DoesNotContain("secret internals", body);
        Assert.NotNull(problem.Detail);
    }

    private static IResult Throw(Exception exception) => throw exception;
}
