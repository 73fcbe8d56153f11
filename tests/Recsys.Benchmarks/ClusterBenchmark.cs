using Recsys.Cli.LocalCluster;
using Recsys.Client;
using Recsys.Grains.Interfaces;
using Recsys.Model.Data;
using Recsys.Testing;

namespace Recsys.Benchmarks;

/// <summary>Orleans client → gateway calls per second on a local cluster of three silos against one silo, both on
/// Azurite and measured in one run: recommendations and profile reads for users spread over the silos, the client
/// connected to every gateway. On one machine the silos share its cores, so the ratio shows what the hops between
/// silos cost rather than what more machines would add.</summary>
internal static class ClusterBenchmark
{
    private const int Users = 1000;
    private const int EventsPerUser = 20;
    private const int Callers = 32;

    public static async Task Run(string sampleFolder, TimeSpan duration, Report report)
    {
        var catalog = ProjectFiles.ReadCatalog(Path.Combine(sampleFolder, ProjectFiles.CatalogFileName)).ToList();
        var events = ProjectFiles.ReadEvents(Path.Combine(sampleFolder, ProjectFiles.EventsFileName)).ToList();
        // Each user's latest events: enough history to rank with, few enough to load through Azurite in a minute.
        var histories = events.GroupBy(e => e.UserId).OrderBy(user => user.Key, StringComparer.Ordinal).Take(Users).ToList();
        var users = histories.Select(user => user.Key).ToHashSet();
        var load = histories.SelectMany(user => user.TakeLast(EventsPerUser)).ToList();

        var one = await OnCluster(1, catalog, load, [.. users], duration);
        var three = await OnCluster(3, catalog, load, [.. users], duration);
        report.Add("cluster", $"recommendations/s through the Orleans client, 1 silo (baseline), {users.Count:N0} users", one.Recommendations, "calls/s");
        report.Add("cluster", "recommendations/s through the Orleans client, 3 silos", three.Recommendations, "calls/s", three.Recommendations / one.Recommendations);
        report.Add("cluster", "profile reads/s through the Orleans client, 1 silo (baseline)", one.Profiles, "calls/s");
        report.Add("cluster", "profile reads/s through the Orleans client, 3 silos", three.Profiles, "calls/s", three.Profiles / one.Profiles);
    }

    private static async Task<(double Recommendations, double Profiles)> OnCluster(int silos, List<ItemInfo> catalog, List<UserEvent> load, string[] users, TimeSpan duration)
    {
        using var folder = new TempFolder();
        var host = new LocalClusterHost(folder.File("cluster"));
        try
        {
            var state = await host.Up(silos, Console.WriteLine, CancellationToken.None);
            await using var frontend = await ClientHost.Start(options =>
            {
                options.Transport = RecsysTransport.Orleans;
                options.ClusterId = state.ClusterId;
                options.Gateways = [.. state.Silos.Select(silo => $"127.0.0.1:{silo.GatewayPort}")];
                options.Timeout = TimeSpan.FromMinutes(2);
            });
            var client = frontend.Client;
            await client.UpsertItems(catalog);
            await client.Track(load);
            var request = new RecommendationRequest { Count = 10, Location = "United Kingdom", At = new DateTimeOffset(2011, 11, 1, 12, 0, 0, TimeSpan.Zero) };
            // Every user active before measuring: the calls below hit live grains, not storage.
            await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = Callers }, async (user, _) => await client.Profile(user));

            var recommendations = await Measure.Throughput(Callers, duration, (caller, i) => client.Recommend(users[(caller * 7919 + i) % users.Length], request));
            var profiles = await Measure.Throughput(Callers, duration, (caller, i) => client.Profile(users[(caller * 7919 + i) % users.Length]));
            return (recommendations, profiles);
        }
        finally
        {
            await host.Down(Console.WriteLine);
        }
    }
}
