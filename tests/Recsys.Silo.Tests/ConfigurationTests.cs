using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Recsys.Client;
using Recsys.Silo.Infrastructure;

namespace Recsys.Silo.Tests;

/// <summary>Environment variables are process-wide: these tests run alone, after the others.</summary>
[CollectionDefinition(nameof(EnvironmentCollection), DisableParallelization = true)]
public sealed class EnvironmentCollection;

[Collection(nameof(EnvironmentCollection))]
public sealed class EnvironmentConfigurationTests
{
    [Fact]
    public async Task Recsys_environment_variables_are_honoured()
    {
        using var folder = new TempFolder();
        var path = folder.File("env.db");
        var ports = FreePorts.Take(2);
        using var environment = new EnvironmentVariables(new()
        {
            ["RECSYS__PORT"] = "0",
            ["RECSYS__LOOPBACKONLY"] = "true",
            ["RECSYS__STORAGE__PROVIDER"] = "sqlite",
            ["RECSYS__STORAGE__PATH"] = path,
            ["RECSYS__CLUSTER__SILOPORT"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RECSYS__CLUSTER__GATEWAYPORT"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RECSYS__HTTP__MAXBATCHSIZE"] = "2",
            ["RECSYS__USERS__HISTORYLENGTH"] = "2",
        });
        await using var silo = await TestSilo.Start(_ => { });
        var user = Sample.Id("u");

        var tooMany = await silo.Post("/v1/events", Sample.Json(Enumerable.Range(0, 3).Select(i => Sample.Event(user, $"i{i}"))));
        var client = new HttpRecsysClient(silo.Http, new RecsysClientOptions { BaseAddress = silo.Address, BatchSize = 2 });
        await client.Track(Enumerable.Range(0, 5).Select(i => Sample.Event(user, $"i{i}")).ToList());

        await Problem.Read(tooMany, 413);
        Assert.Equal(2, (await silo.Client.Profile(user)).RecentEvents.Count);
        Assert.True(File.Exists(path));
    }
}

public sealed class ConfigurationTests
{
    [Fact]
    public async Task Command_line_arguments_are_honoured()
    {
        await using var silo = await TestSilo.Start(args: ["--Recsys:Http:MaxBatchSize=1"]);

        var response = await silo.Post("/v1/events", Sample.Json(new[] { Sample.Event("u", "i1"), Sample.Event("u", "i2") }));

        await Problem.Read(response, 413);
    }

    [Fact]
    public void An_unknown_storage_provider_fails_at_build_naming_the_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            RecsysSilo.Build(["--Recsys:Storage:Provider=floppy", "--Recsys:Port=0"]));

        Assert.Contains("Recsys:Storage:Provider", error.Message);
    }

    [Theory]
    [InlineData("Recsys:Users:HistoryLength", "0")]
    [InlineData("Recsys:Recommender:CoOccurrenceRowLimit", "50")]
    public async Task Invalid_grain_settings_fail_at_start_naming_the_key(string key, string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await TestSilo.Start(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public async Task Host_shutdown_waits_longer_than_the_runtime_takes_to_flush_grains()
    {
        await using var app = RecsysSilo.Build(["--Recsys:Runtime:ShutdownTimeout=00:02:00"]);

        var hostOptions = app.Services.GetRequiredService<IOptions<HostOptions>>().Value;

        Assert.True(hostOptions.ShutdownTimeout > TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task With_an_otlp_endpoint_the_silo_serves_and_counts()
    {
        await using var silo = await TestSilo.Start(new Dictionary<string, string?> { ["Recsys:Telemetry:OtlpEndpoint"] = "http://127.0.0.1:9" });
        var meters = silo.App.Services.GetRequiredService<IMeterFactory>();
        long rejected = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SiloMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "recsys.silo.requests.rejected")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref rejected, value));
        listener.Start();

        await Problem.Read(await silo.Post("/v1/events", "[]"), 400);

        Assert.Equal(1, Interlocked.Read(ref rejected));
    }
}

/// <summary>Sets environment variables for the life of a test and restores them afterwards.</summary>
internal sealed class EnvironmentVariables : IDisposable
{
    private readonly Dictionary<string, string?> _previous;

    public EnvironmentVariables(Dictionary<string, string> values)
    {
        _previous = values.Keys.ToDictionary(key => key, Environment.GetEnvironmentVariable);
        foreach (var (key, value) in values)
        {
            Environment.SetEnvironmentVariable(key, value);
        }
    }

    public void Dispose()
    {
        foreach (var (key, value) in _previous)
        {
            Environment.SetEnvironmentVariable(key, value);
        }
    }
}
