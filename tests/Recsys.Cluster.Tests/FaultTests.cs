using System.Diagnostics;
using Recsys.Client;
using Recsys.Grains.Interfaces;
using Xunit.Abstractions;

namespace Recsys.Cluster.Tests;

/// <summary>Three silo processes and Azurite on loopback (<see cref="LocalClusterHost"/>, as <c>recsys cluster up</c>
/// starts them), faults made with real signals. Every run asserts that no acknowledged event is lost and that all
/// users are served again, and prints what it measured (also appended to artifacts/fault-report.md).</summary>
[Collection(nameof(FaultTests))]
[CollectionDefinition(nameof(FaultTests), DisableParallelization = true)]
public sealed class FaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan LoadBeforeFault = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LoadAfterFault = TimeSpan.FromSeconds(25);

    /// <summary>A bound for "served again" far above the ≤ 10 s the cluster is tuned for, so that a slow machine
    /// fails the test only when users are really stranded.</summary>
    private static readonly TimeSpan StrandedAfter = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public async Task Killing_a_silo_under_mixed_load_loses_no_acknowledged_event()
    {
        await using var cluster = await Cluster.Up(output);
        var users = Users(300);
        await using var ingest = await cluster.Http(cluster.State.Silos[0]);
        var (load, victim, took, recovery) = await KillUnderLoad(cluster, ingest, users, LoadAfterFault);

        var report = new FaultReport($"kill -9 of {victim.Name} under mixed load", load.Requests, load.Failed, took, recovery, load.Acknowledged, await load.Lost(ingest.Client));
        cluster.Report(report);
        Assert.NotNull(report.Recovery);
        Assert.Equal(0, report.Lost);
    }

    [SkippableFact]
    public async Task A_rolling_restart_of_every_silo_keeps_all_state()
    {
        await using var cluster = await Cluster.Up(output);
        var users = Users(200);
        await using var ingest = await cluster.Http(cluster.State.Silos[0]);
        await using var recommend = await cluster.Orleans(cluster.State.Silos[1]);
        var load = new Load(ingest.Client, recommend.Client, users);

        using var stop = new CancellationTokenSource();
        var duration = Stopwatch.StartNew();
        var running = load.Run(stop.Token);
        await Task.Delay(LoadBeforeFault);
        var sinceFault = Stopwatch.StartNew();
        foreach (var silo in cluster.State.Silos.ToList())
        {
            Assert.True(await LocalClusterHost.Stop(silo), $"{silo.Name} did not stop gracefully");
            await cluster.Host.Restart(cluster.State, silo, CancellationToken.None);
        }
        var restartTook = sinceFault.Elapsed;
        await stop.CancelAsync();
        await running;

        var report = new FaultReport($"rolling restart of 3 silos under mixed load (restarts took {restartTook.TotalSeconds:0} s)", load.Requests, load.Failed, duration.Elapsed, null, load.Acknowledged, await load.Lost(ingest.Client));
        cluster.Report(report);
        Assert.Equal(0, report.Lost);
    }

    [SkippableFact]
    public async Task A_silo_killed_while_writing_state_leaves_none_corrupt()
    {
        // Every user's state is written every 100 ms: a kill lands in the middle of writes.
        await using var cluster = await Cluster.Up(output, "--Recsys:Users:FlushInterval=00:00:00.100", "--Recsys:Recommender:AggregateFlushInterval=00:00:00.500");
        var users = Users(200);
        await using var ingest = await cluster.Http(cluster.State.Silos[0]);
        var (load, victim, loadTook, recovery) = await KillUnderLoad(cluster, ingest, users, loadAfterFault: TimeSpan.Zero);
        await cluster.Host.Restart(cluster.State, victim, CancellationToken.None);
        // Stop the two that lived through it, so that every user is read back from storage.
        foreach (var survivor in cluster.State.Silos.Take(2).ToList())
        {
            Assert.True(await LocalClusterHost.Stop(survivor));
            await cluster.Host.Restart(cluster.State, survivor, CancellationToken.None);
        }
        await using var reader = await cluster.Http(cluster.State.Silos[2]);

        var profiles = await Task.WhenAll(users.Select(user => reader.Client.Profile(user)));
        var report = new FaultReport($"kill -9 of {victim.Name} while writing state every 100 ms", load.Requests, load.Failed, loadTook, recovery, load.Acknowledged, await load.Lost(reader.Client));
        cluster.Report(report);
        Assert.NotNull(recovery);
        Assert.Equal(users.Count, profiles.Length);
        Assert.Equal(0, report.Lost);
    }

    private static List<string> Users(int count) => [.. Enumerable.Range(0, count).Select(i => $"user-{i:D4}")];

    /// <summary>Ingestion through silo-1 over HTTP and recommendations through silo-2's Orleans gateway; silo-3 is
    /// killed with SIGKILL after <see cref="LoadBeforeFault"/>, and the load runs until every user is served again
    /// and at least <paramref name="loadAfterFault"/> has passed since the kill.</summary>
    private static async Task<(Load Load, SiloProcess Victim, TimeSpan Took, TimeSpan? Recovery)> KillUnderLoad(Cluster cluster, ClientHost ingest, List<string> users, TimeSpan loadAfterFault)
    {
        await using var recommend = await cluster.Orleans(cluster.State.Silos[1]);
        await using var probe = await cluster.Http(cluster.State.Silos[0], retries: 0);
        var load = new Load(ingest.Client, recommend.Client, users);

        using var stop = new CancellationTokenSource();
        var duration = Stopwatch.StartNew();
        var running = load.Run(stop.Token);
        await Task.Delay(LoadBeforeFault);
        var victim = cluster.State.Silos[2];
        var sinceFault = Stopwatch.StartNew();
        LocalClusterHost.Kill(victim);
        var recovery = await Load.UntilEveryUserIsServed(probe.Client, users, sinceFault, StrandedAfter);
        if (loadAfterFault > sinceFault.Elapsed)
        {
            await Task.Delay(loadAfterFault - sinceFault.Elapsed);
        }
        await stop.CancelAsync();
        await running;
        return (load, victim, duration.Elapsed, recovery);
    }

    /// <summary>A local cluster of three silos for one test, torn down (and its folder removed) afterwards.</summary>
    private sealed class Cluster : IAsyncDisposable
    {
        private readonly TempFolder _folder;
        private readonly ITestOutputHelper _output;

        private Cluster(TempFolder folder, LocalClusterHost host, ClusterState state, ITestOutputHelper output)
        {
            _folder = folder;
            Host = host;
            State = state;
            _output = output;
        }

        public LocalClusterHost Host { get; }

        public ClusterState State { get; }

        public static async Task<Cluster> Up(ITestOutputHelper output, params string[] siloSettings)
        {
            Skip.If(TestAzurite.MissingReason is not null, TestAzurite.MissingReason);
            var folder = new TempFolder();
            var host = new LocalClusterHost(folder.File("cluster"));
            try
            {
                var state = await host.Up(3, message => output.WriteLine(message), CancellationToken.None, siloSettings);
                return new Cluster(folder, host, state, output);
            }
            catch
            {
                await host.Down(_ => { });
                folder.Dispose();
                throw;
            }
        }

        public Task<ClientHost> Http(SiloProcess silo, int retries = 5) => ClientHost.Start(options =>
        {
            options.BaseAddress = silo.HttpUrl;
            options.MaxRetries = retries;
            options.Timeout = TimeSpan.FromSeconds(15);
        });

        public Task<ClientHost> Orleans(SiloProcess silo) => ClientHost.Start(options =>
        {
            options.Transport = RecsysTransport.Orleans;
            options.ClusterId = State.ClusterId;
            options.Gateways = [$"127.0.0.1:{silo.GatewayPort}"];
            options.Timeout = TimeSpan.FromSeconds(15);
        });

        public void Report(FaultReport report)
        {
            _output.WriteLine(report.ToString());
            var artifacts = RepositoryFolder.File("artifacts");
            Directory.CreateDirectory(artifacts);
            File.AppendAllText(Path.Combine(artifacts, "fault-report.md"), $"- {DateTimeOffset.UtcNow:u} {report}{Environment.NewLine}");
        }

        public async ValueTask DisposeAsync()
        {
            await Host.Down(message => _output.WriteLine(message));
            _folder.Dispose();
        }
    }
}
