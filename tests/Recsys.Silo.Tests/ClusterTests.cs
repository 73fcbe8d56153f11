using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Recsys.Client;

namespace Recsys.Silo.Tests;

/// <summary>Silos of one cluster in azure mode on a real Azurite: membership in its tables, state in its blobs,
/// the journal in a table, so any silo serves any user.</summary>
public sealed class ClusterTests
{
    [SkippableFact]
    public async Task Two_silos_form_one_cluster_and_either_serves_what_the_other_took_in()
    {
        Skip.If(TestAzurite.MissingReason is not null, TestAzurite.MissingReason);
        await using var azurite = await TestAzurite.Start();
        var clusterId = Sample.Id("cluster");
        await using var first = await TestSilo.Start(Azure(azurite, clusterId));
        await using var second = await TestSilo.Start(Azure(azurite, clusterId));
        var user = Sample.Id("u");

        var tracked = await first.Client.Track([Sample.Event(user, "i1", EventType.Purchase), Sample.Event(user, "i2")]);
        var seenBySecond = await second.Client.Profile(user);
        var silos = await first.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);

        Assert.Equal(2, tracked.Accepted);
        Assert.Equal(2, seenBySecond.EventsTracked);
        Assert.Equal(2, silos.Count);
    }

    [SkippableFact]
    public async Task Users_of_a_silo_that_leaves_are_served_by_the_others_with_nothing_lost()
    {
        Skip.If(TestAzurite.MissingReason is not null, TestAzurite.MissingReason);
        await using var azurite = await TestAzurite.Start();
        var clusterId = Sample.Id("cluster");
        var leaving = await TestSilo.Start(Azure(azurite, clusterId));
        await using var staying = await TestSilo.Start(Azure(azurite, clusterId));
        var users = Enumerable.Range(0, 20).Select(_ => Sample.Id("u")).ToList();
        await leaving.Client.Track(users.Select(u => Sample.Event(u, "i1", EventType.Purchase)));

        await leaving.DisposeAsync();
        var profiles = await Task.WhenAll(users.Select(u => staying.Client.Profile(u)));

        Assert.All(profiles, profile => Assert.Equal(1, profile.EventsTracked));
    }

    [SkippableFact]
    public async Task The_orleans_client_uses_every_gateway_it_is_given()
    {
        Skip.If(TestAzurite.MissingReason is not null, TestAzurite.MissingReason);
        await using var azurite = await TestAzurite.Start();
        var clusterId = Sample.Id("cluster");
        await using var first = await TestSilo.Start(Azure(azurite, clusterId));
        await using var second = await TestSilo.Start(Azure(azurite, clusterId));
        await using var frontend = await ClientHost.Start(o =>
        {
            o.Transport = RecsysTransport.Orleans;
            o.ClusterId = clusterId;
            o.Gateways = [$"127.0.0.1:{first.GatewayPort}", $"127.0.0.1:{second.GatewayPort}"];
        });
        var user = Sample.Id("u");

        await frontend.Client.Track([Sample.Event(user, "i1")]);

        Assert.Equal(1, (await frontend.Client.Profile(user)).EventsTracked);
    }

    [Theory]
    [InlineData("azure", "sqlite", "Recsys:Cluster:Mode")]
    [InlineData("kubernetes", "sqlite", "Recsys:Storage:Provider")]
    [InlineData("mesh", "sqlite", "Recsys:Cluster:Mode")]
    [InlineData("localhost", "azure", "Recsys:Storage:ConnectionString")]
    public void Invalid_combinations_stop_the_silo_naming_the_key(string mode, string provider, string key)
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            RecsysSilo.Build([$"--Recsys:Cluster:Mode={mode}", $"--Recsys:Storage:Provider={provider}"]));

        Assert.Contains(key, error.Message);
    }

    private static Dictionary<string, string?> Azure(TestAzurite azurite, string clusterId) => new()
    {
        ["Recsys:Cluster:Mode"] = "azure",
        ["Recsys:Cluster:ClusterId"] = clusterId,
        ["Recsys:Cluster:AdvertisedAddress"] = "127.0.0.1",
        ["Recsys:Storage:Provider"] = "azure",
        ["Recsys:Storage:ConnectionString"] = azurite.ConnectionString,
    };
}
