using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Recsys.Client;

namespace Recsys.Silo.Tests;

/// <summary>The same behaviour over both transports of the client: the HTTP gateway and the Orleans gateway.</summary>
public sealed class ClientTests(SiloFixture fixture) : SiloTests(fixture)
{
    [Theory]
    [InlineData(RecsysTransport.Http)]
    [InlineData(RecsysTransport.Orleans)]
    public async Task Track_splits_large_inputs_into_batches_and_adds_up_the_results(RecsysTransport transport)
    {
        await using var host = await Silo.ClientFor(transport, o => o.BatchSize = 3);
        var user = Sample.Id("u");
        var events = Enumerable.Range(0, 7).Select(i => Sample.Event(user, $"i{i}")).ToList();

        var first = await host.Client.Track(events);
        var again = await host.Client.Track(events);

        Assert.Equal(7, first.Accepted);
        Assert.Equal(7, again.Duplicates);
        Assert.Equal(7, (await host.Client.Profile(user)).EventsTracked);
    }

    [Theory]
    [InlineData(RecsysTransport.Http)]
    [InlineData(RecsysTransport.Orleans)]
    public async Task Invalid_events_fail_before_anything_is_sent(RecsysTransport transport)
    {
        await using var host = await Silo.ClientFor(transport);
        var user = Sample.Id("u");
        var events = new[] { Sample.Event(user, "i1"), Sample.Event(user, "i2") with { Quantity = 0 } };

        var error = await Assert.ThrowsAsync<RecsysValidationException>(() => host.Client.Track(events));

        Assert.Null(error.StatusCode);
        Assert.Equal("events[1].quantity", Assert.Single(error.Errors).Field);
        Assert.False((await host.Client.Profile(user)).Known);
    }

    [Theory]
    [InlineData(RecsysTransport.Http)]
    [InlineData(RecsysTransport.Orleans)]
    public async Task Errors_found_by_the_service_name_the_position_in_the_whole_input(RecsysTransport transport)
    {
        // The client allows more clock skew than the service, so only the service sees the problem.
        await using var host = await Silo.ClientFor(transport, o =>
        {
            o.BatchSize = 2;
            o.MaxClockSkew = TimeSpan.FromDays(1);
        });
        var user = Sample.Id("u");
        var events = Enumerable.Range(0, 4).Select(i => Sample.Event(user, $"i{i}")).ToList();
        events[3] = events[3] with { Timestamp = DateTimeOffset.UtcNow.AddHours(1) };

        var error = await Assert.ThrowsAsync<RecsysValidationException>(() => host.Client.Track(events));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("events[3].timestamp", Assert.Single(error.Errors).Field);
    }

    [Theory]
    [InlineData(RecsysTransport.Http)]
    [InlineData(RecsysTransport.Orleans)]
    public async Task Items_profile_recommendations_and_forget_round_trip(RecsysTransport transport)
    {
        await using var host = await Silo.ClientFor(transport);
        var client = host.Client;
        var user = Sample.Id("u");
        var items = Enumerable.Range(0, 4).Select(i => Sample.Item(Sample.Id(i == 0 ? "item:with@marks~" : "item"))).ToList();
        Assert.Equal(4, await client.UpsertItems(items));
        await client.Track(items.Select(item => Sample.Event(user, item.Id, EventType.Purchase)));

        var list = await client.Recommend(user, new RecommendationRequest
        {
            Count = 2,
            Location = "Spain",
            At = DateTimeOffset.UtcNow,
            PromotionIds = ["spring"],
            ExcludeItemIds = [.. Enumerable.Range(0, 999).Select(i => $"long-{i:D4}-" + new string('y', 100)), items[0].Id],
        });
        Assert.InRange(list.Items.Count, 1, 2);
        Assert.DoesNotContain(list.Items, item => item.ItemId == items[0].Id);
        Assert.Equal("Spain", list.Scene.Location);
        Assert.Equal(items[1].Title, (await client.Item(items[1].Id)).Item!.Title);

        Assert.Equal(4, (await client.Profile(user)).EventsTracked);
        await client.Forget(user);
        Assert.False((await client.Profile(user)).Known);
    }

    [Theory]
    [InlineData(RecsysTransport.Http)]
    [InlineData(RecsysTransport.Orleans)]
    public async Task An_unknown_item_throws_not_found(RecsysTransport transport)
    {
        await using var host = await Silo.ClientFor(transport);

        var error = await Assert.ThrowsAsync<RecsysNotFoundException>(() => host.Client.Item(Sample.Id("nothing")));

        Assert.Equal(404, error.StatusCode);
    }

    [Theory]
    [InlineData(RecsysTransport.Http)]
    [InlineData(RecsysTransport.Orleans)]
    public async Task Cancellation_is_honoured(RecsysTransport transport)
    {
        await using var host = await Silo.ClientFor(transport);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Client.Profile("u1", cancelled.Token));
    }

    [Fact]
    public void The_transport_comes_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Recsys:Client:Transport"] = "Orleans",
            ["Recsys:Client:Gateways:0"] = $"localhost:{Silo.GatewayPort}",
        }).Build();
        var services = new ServiceCollection();

        services.AddRecsysClient(configuration.GetSection(RecsysClientOptions.SectionName));

        Assert.Contains(services, d => d.ServiceType == typeof(IClusterClient));
        Assert.Equal(RecsysTransport.Orleans, services.BuildServiceProvider().GetRequiredService<Microsoft.Extensions.Options.IOptions<RecsysClientOptions>>().Value.Transport);
    }

    [Fact]
    public async Task Without_a_gateway_the_orleans_client_gives_up_after_the_connect_timeout()
    {
        var port = FreePorts.Take(1)[0];
        var started = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RecsysUnavailableException>(() => ClientHost.Start(o =>
        {
            o.Transport = RecsysTransport.Orleans;
            o.Gateways = [$"127.0.0.1:{port}"];
            o.ConnectTimeout = TimeSpan.FromSeconds(1);
        }));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("Recsys:Client:ConnectTimeout", error.Message);
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_silo_that_is_not_there_is_unavailable_after_the_retries()
    {
        var port = FreePorts.Take(1)[0];
        using var http = new HttpClient();
        var client = new HttpRecsysClient(http, new RecsysClientOptions
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            MaxRetries = 2,
            RetryDelay = TimeSpan.FromMilliseconds(100),
        });
        var started = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAsync<RecsysUnavailableException>(() => client.Profile("u1"));

        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(300), $"gave up after {started.Elapsed}, before retrying twice");
    }

    [Fact]
    public async Task A_request_retried_while_the_silo_comes_up_succeeds()
    {
        var port = FreePorts.Take(1)[0];
        using var http = new HttpClient();
        var client = new HttpRecsysClient(http, new RecsysClientOptions
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            MaxRetries = 8,
            RetryDelay = TimeSpan.FromMilliseconds(200),
        });

        var profile = client.Profile("late-riser");
        await using var silo = await TestSilo.Start(new Dictionary<string, string?> { ["Recsys:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.False((await profile).Known);
    }

    [Fact]
    public async Task The_client_resolves_from_dependency_injection()
    {
        var services = new ServiceCollection();
        services.AddRecsysClient(o => o.BaseAddress = Silo.Address);
        await using var provider = services.BuildServiceProvider();

        var profile = await provider.GetRequiredService<IRecsysClient>().Profile(Sample.Id("u"));

        Assert.False(profile.Known);
    }
}

public sealed class ClientLimitTests
{
    [Fact]
    public async Task A_request_over_the_byte_limit_throws_payload_too_large()
    {
        await using var silo = await TestSilo.Start(new Dictionary<string, string?> { ["Recsys:Http:MaxRequestBytes"] = "4096" });
        var item = Sample.Item(Sample.Id("item")) with { Description = new string('d', 8000) };

        var error = await Assert.ThrowsAsync<RecsysPayloadTooLargeException>(() => silo.Client.UpsertItems([item]));

        Assert.Equal(413, error.StatusCode);
    }
}
