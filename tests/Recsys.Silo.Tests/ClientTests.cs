using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Recsys.Client;

namespace Recsys.Silo.Tests;

public sealed class ClientTests(SiloFixture fixture) : SiloTests(fixture)
{
    private HttpRecsysClient ClientWith(Action<RecsysClientOptions> configure)
    {
        var options = new RecsysClientOptions { BaseAddress = Silo.Address };
        configure(options);
        return new HttpRecsysClient(Silo.Http, options);
    }

    [Fact]
    public async Task Track_splits_large_inputs_into_batches_and_adds_up_the_results()
    {
        var user = Sample.Id("u");
        var events = Enumerable.Range(0, 7).Select(i => Sample.Event(user, $"i{i}")).ToList();
        var client = ClientWith(o => o.BatchSize = 3);

        var first = await client.Track(events);
        var again = await client.Track(events);

        Assert.Equal(7, first.Accepted);
        Assert.Equal(7, again.Duplicates);
        Assert.Equal(7, (await client.Profile(user)).EventsTracked);
    }

    [Fact]
    public async Task Invalid_events_fail_before_anything_is_sent()
    {
        var user = Sample.Id("u");
        var events = new[] { Sample.Event(user, "i1"), Sample.Event(user, "i2") with { Quantity = 0 } };

        var error = await Assert.ThrowsAsync<RecsysValidationException>(() => Silo.Client.Track(events));

        Assert.Null(error.StatusCode);
        Assert.Equal("events[1].quantity", Assert.Single(error.Errors).Field);
        Assert.False((await Silo.Client.Profile(user)).Known);
    }

    [Fact]
    public async Task Errors_found_by_the_service_name_the_position_in_the_whole_input()
    {
        // The client allows more clock skew than the service, so only the service sees the problem.
        var user = Sample.Id("u");
        var events = Enumerable.Range(0, 4).Select(i => Sample.Event(user, $"i{i}")).ToList();
        events[3] = events[3] with { Timestamp = DateTimeOffset.UtcNow.AddHours(1) };
        var client = ClientWith(o =>
        {
            o.BatchSize = 2;
            o.MaxClockSkew = TimeSpan.FromDays(1);
        });

        var error = await Assert.ThrowsAsync<RecsysValidationException>(() => client.Track(events));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("events[3].timestamp", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task Items_profile_recommendations_and_forget_round_trip()
    {
        var user = Sample.Id("u");
        var items = Enumerable.Range(0, 4).Select(i => Sample.Item(Sample.Id(i == 0 ? "item,with,commas" : "item"))).ToList();
        Assert.Equal(4, await Silo.Client.UpsertItems(items));
        await Silo.Client.Track(items.Select(item => Sample.Event(user, item.Id, EventType.Purchase)));

        var list = await Silo.Client.Recommend(user, new RecommendationRequest
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

        Assert.Equal(4, (await Silo.Client.Profile(user)).EventsTracked);
        await Silo.Client.Forget(user);
        Assert.False((await Silo.Client.Profile(user)).Known);
    }

    [Fact]
    public async Task An_unknown_item_throws_not_found()
    {
        var error = await Assert.ThrowsAsync<RecsysNotFoundException>(() => Silo.Client.Item(Sample.Id("nothing")));

        Assert.Equal(404, error.StatusCode);
    }

    [Fact]
    public async Task A_silo_that_is_not_there_is_unavailable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient();
        var client = new HttpRecsysClient(http, new RecsysClientOptions { BaseAddress = new Uri($"http://127.0.0.1:{port}/") });

        await Assert.ThrowsAsync<RecsysUnavailableException>(() => client.Profile("u1"));
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Silo.Client.Profile("u1", cancelled.Token));
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
