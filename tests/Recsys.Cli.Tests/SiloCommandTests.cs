using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Recsys.Client;
using Recsys.Grains.Interfaces;
using Recsys.Silo;

namespace Recsys.Cli.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class SiloCommandTests
{
    [Fact]
    public async Task ReplayStreamsAnEventFileIntoARunningSilo()
    {
        using var temp = new TempFolder();
        RetailCsv.Write(temp.File("csv"));
        await CommandLine.Run("import", "online-retail", "--data", temp.File("csv"), "--out", temp.File("data"));
        var ports = FreePorts.Take(2);
        await using var silo = RecsysSilo.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Recsys:Port"] = "0",
            ["Recsys:LoopbackOnly"] = "true",
            ["Recsys:Storage:Path"] = temp.File("replay.db"),
            ["Recsys:Cluster:SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture),
            ["Recsys:Cluster:GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
        }));
        await silo.StartAsync();
        var url = silo.GetListeningUri();

        var (exitCode, output) = await CommandLine.Run("replay", "--events", Path.Combine(temp.File("data"), "events.ndjson.gz"),
            "--catalog", Path.Combine(temp.File("data"), "catalog.ndjson.gz"), "--url", url.ToString(), "--batch", "2");

        Assert.Equal(0, exitCode);
        Assert.Contains("7 accepted, 0 duplicates, 0 expired, 0 with unknown items", output);
        using var http = new HttpClient();
        var profile = await new HttpRecsysClient(http, new RecsysClientOptions { BaseAddress = url }).Profile("12680");
        Assert.Equal(4, profile.EventsTracked);
        await silo.StopAsync();
    }

    [Fact]
    public async Task ReplayToASiloThatIsNotThereFailsClearly()
    {
        using var temp = new TempFolder();
        RetailCsv.Write(temp.File("csv"));
        await CommandLine.Run("import", "online-retail", "--data", temp.File("csv"), "--out", temp.File("data"));

        var (exitCode, output) = await CommandLine.Run("replay", "--events", Path.Combine(temp.File("data"), "events.ndjson.gz"), "--url", "http://127.0.0.1:9/");

        Assert.Equal(1, exitCode);
        Assert.Contains("Replay stopped", output);
    }

    [Fact]
    public async Task DemoLoadsDataAndShowsRecommendationsThatChangeWithTheScene()
    {
        using var temp = new TempFolder();
        RetailCsv.Write(temp.File("csv"));
        await CommandLine.Run("import", "online-retail", "--data", temp.File("csv"), "--out", temp.File("data"));

        var ports = FreePorts.Take(2);
        // The mix's scenes are what this checks; the demo's model needs more data than seven events (ModelServingTests).
        var (exitCode, output) = await CommandLine.Run("demo", "--exit", "--no-model", "--port", "0", "--storage", temp.File("demo.db"), "--data", temp.File("data"),
            $"--Recsys:Cluster:SiloPort={ports[0]}", $"--Recsys:Cluster:GatewayPort={ports[1]}");

        Assert.Equal(0, exitCode);
        Assert.Contains("7 accepted", output);
        Assert.Contains("User demo-visitor", output);
        var scene1 = output[output.LastIndexOf("Scene 1", StringComparison.Ordinal)..output.LastIndexOf("Scene 2", StringComparison.Ordinal)];
        var scene2 = output[output.LastIndexOf("Scene 2", StringComparison.Ordinal)..];
        // No customer in the tiny data is from Germany: there the visitor gets what is popular overall.
        Assert.Contains("popular in United Kingdom this month", scene1);
        Assert.Contains("popular this month", scene2);
        Assert.DoesNotContain("United Kingdom", scene2);
    }

    [Fact]
    public async Task AcknowledgedEventsSurviveKillMinus9OfTheServeProcess()
    {
        using var temp = new TempFolder();
        var storage = temp.File("kill.db");
        var events = Enumerable.Range(0, 50).Select(i => new UserEvent
        {
            EventId = $"e{i}",
            UserId = $"u{i % 5}",
            ItemId = $"i{i % 7}",
            Type = EventType.Purchase,
            BasketId = $"b{i / 3}",
            Timestamp = new DateTimeOffset(2011, 6, 1, 9, 0, 0, TimeSpan.Zero).AddMinutes(i),
        }).ToList();

        TrackResult acknowledged;
        using (var first = await ServeProcess.Start(storage))
        {
            using var http = new HttpClient();
            acknowledged = await new HttpRecsysClient(http, new RecsysClientOptions { BaseAddress = first.Url }).Track(events);
            first.Kill();
        }
        using var second = await ServeProcess.Start(storage);
        using var client = new HttpClient();
        var recsys = new HttpRecsysClient(client, new RecsysClientOptions { BaseAddress = second.Url });
        var profiles = await Task.WhenAll(Enumerable.Range(0, 5).Select(u => recsys.Profile($"u{u}")));
        var retry = await recsys.Track(events);

        Assert.Equal(50, acknowledged.Accepted);
        Assert.All(profiles, profile => Assert.Equal(10, profile.EventsTracked));
        Assert.Equal(new TrackResult { Duplicates = 50 }, retry);
    }

    /// <summary><c>recsys serve</c> as a process of its own, so that it can be killed for real.</summary>
    private sealed class ServeProcess : IDisposable
    {
        private readonly Process _process;

        private ServeProcess(Process process, Uri url)
        {
            _process = process;
            Url = url;
        }

        public Uri Url { get; }

        public static async Task<ServeProcess> Start(string storage)
        {
            var ports = FreePorts.Take(3);
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
                     {
                         Path.Combine(AppContext.BaseDirectory, "recsys.dll"), "serve", "--storage", storage, "--port", ports[0].ToString(CultureInfo.InvariantCulture),
                         "--Recsys:LoopbackOnly=true", $"--Recsys:Cluster:SiloPort={ports[1]}", $"--Recsys:Cluster:GatewayPort={ports[2]}",
                     })
            {
                start.ArgumentList.Add(argument);
            }
            var process = Process.Start(start)!;
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            var url = new Uri($"http://127.0.0.1:{ports[0]}/");
            using var http = new HttpClient();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                try
                {
                    if ((await http.GetAsync(new Uri(url, "readyz"))).IsSuccessStatusCode)
                    {
                        return new ServeProcess(process, url);
                    }
                }
                catch (HttpRequestException)
                {
                }
                await Task.Delay(200);
            }
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"recsys serve did not become ready: {await process.StandardOutput.ReadToEndAsync()}");
        }

        /// <summary>SIGKILL: nothing runs on the way out.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }
            _process.Dispose();
        }
    }
}
