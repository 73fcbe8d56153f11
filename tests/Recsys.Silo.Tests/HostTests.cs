using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orleans.Runtime;
using Orleans.Storage;
using Recsys.Grains.Interfaces.Validation;

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
    public async Task Swagger_ui_is_off_in_production_unless_enabled()
    {
        await using var enabled = await TestSilo.Start(new Dictionary<string, string?> { ["Recsys:Security:SwaggerUi"] = "true" });

        var off = await Silo.Http.GetAsync("/swagger/index.html");
        var on = await enabled.Http.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.NotFound, off.StatusCode);
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        Assert.Equal("text/html", on.Content.Headers.ContentType?.MediaType);
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

    public async Task InitializeAsync()
    {
        var folder = new TempFolder();
        var ports = FreePorts.Take(2);
        _silo = await TestSilo.Start(
            builder => builder.Configuration["Recsys:Storage:Path"] = folder.File("recsys.db"),
            ["--Recsys:Port=0", "--Recsys:LoopbackOnly=true", $"--Recsys:Cluster:SiloPort={ports[0]}", $"--Recsys:Cluster:GatewayPort={ports[1]}"],
            app =>
            {
                app.MapGet("/test/timeout", () => Throw(new TimeoutException("Response did not arrive on time in 00:00:30 for message: Request user/u1 Track.")));
                app.MapGet("/test/conflict", () => Throw(new InconsistentStateException("secret internals", "2", "1")));
                app.MapGet("/test/unavailable", () => Throw(new SiloUnavailableException("The silo is stopping.")));
                app.MapGet("/test/contract", () => Throw(new ContractViolationException([new FieldError("events[0].userId", "is required.")])));
                app.MapGet("/test/bug", () => Throw(new InvalidOperationException("secret internals")));
            },
            folder);
    }

    public async Task DisposeAsync() => await _silo!.DisposeAsync();

    [Theory]
    [InlineData("timeout", 504)]
    [InlineData("conflict", 504)]
    [InlineData("unavailable", 503)]
    [InlineData("contract", 400)]
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
