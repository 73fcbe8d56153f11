using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Recsys.Client;
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
        await using var silo = RecsysSilo.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Recsys:Port"] = "0",
            ["Recsys:LoopbackOnly"] = "true",
            ["Recsys:Storage:Provider"] = "memory",
        }));
        await silo.StartAsync();
        var url = silo.GetListeningUri();

        var (exitCode, output) = await CommandLine.Run("replay", "--events", Path.Combine(temp.File("data"), "events.ndjson.gz"),
            "--catalog", Path.Combine(temp.File("data"), "catalog.ndjson.gz"), "--url", url.ToString(), "--batch", "2");

        Assert.Equal(0, exitCode);
        Assert.Contains("7 accepted, 0 duplicates, 0 with unknown items", output);
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

        var (exitCode, output) = await CommandLine.Run("demo", "--exit", "--port", "0", "--storage", temp.File("demo.db"), "--data", temp.File("data"));

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
}
