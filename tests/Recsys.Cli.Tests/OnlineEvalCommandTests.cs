using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Recsys.Client;
using Recsys.Grains.Interfaces;
using Recsys.Model.Data;
using Recsys.Model.Evaluation;
using Recsys.Silo;

namespace Recsys.Cli.Tests;

/// <summary><c>recsys eval --online</c>: protocol OR-NB measured against a running silo over HTTP.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class OnlineEvalCommandTests
{
    private const string Cutoff = "2011-05-01";

    [Fact]
    public async Task Online_eval_scores_the_lists_a_silo_answers_for_every_test_case()
    {
        using var temp = new TempFolder();
        // A catalog much larger than a list, so that only lists built from the customers' own histories hit often.
        SyntheticRetailCsv.Write(temp.File("csv"), items: 300);
        var data = ShopData.Read(temp.File("csv"));
        var split = EvaluationSplit.Create(data.Baskets,
            DateTimeOffset.Parse(Cutoff, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        var ports = FreePorts.Take(2);
        await using var silo = RecsysSilo.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Recsys:Port"] = "0",
            ["Recsys:LoopbackOnly"] = "true",
            ["Recsys:Storage:Path"] = temp.File("online.db"),
            ["Recsys:Cluster:SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture),
            ["Recsys:Cluster:GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
        }));
        await silo.StartAsync();
        var url = silo.GetListeningUri();
        using var http = new HttpClient();
        var client = new HttpRecsysClient(http, new RecsysClientOptions { BaseAddress = url });
        await client.UpsertItems(data.Catalog.Values);
        // The history only: the test baskets are what the silo must predict.
        var tracked = await client.Track(BasketEvents.ToEvents(split.History));

        var (exitCode, output) = await CommandLine.Run("eval", "--online", url.ToString(), "--data", temp.File("csv"),
            "--cutoff", Cutoff, "--json", temp.File("online.json"), "--concurrency", "3");
        await silo.StopAsync();

        Assert.True(tracked.Accepted > 0);
        Assert.True(exitCode == 0, output);
        using var json = JsonDocument.Parse(File.ReadAllText(temp.File("online.json")));
        var root = json.RootElement;
        var cases = split.TestCases.Count;
        Assert.True(cases > 0);
        Assert.Equal(cases, root.GetProperty("counts").GetProperty("testCases").GetInt32());
        var method = Assert.Single(root.GetProperty("methods").EnumerateArray().ToList());
        Assert.Equal("ONLINE baseline-mix/1", method.GetProperty("name").GetString());
        foreach (var metric in new[] { "hr@10", "recall@10", "ndcg@10", "new_recall@10" })
        {
            Assert.InRange(method.GetProperty(metric).GetDouble(), 0, 1);
        }
        // Customers re-buy their favourites and the mix lists what they bought before: a silo that lacked the
        // history, or a list asked for the wrong user, would hardly ever hit.
        Assert.True(method.GetProperty("hr@10").GetDouble() > 0.5, method.ToString());

        var online = root.GetProperty("online");
        Assert.Equal(cases, online.GetProperty("requests").GetInt32());
        Assert.Equal(0, online.GetProperty("modelLists").GetInt32());
        Assert.Equal(cases, online.GetProperty("mixLists").GetInt32());
        var answerer = Assert.Single(online.GetProperty("answeredBy").EnumerateArray().ToList());
        Assert.Equal("baseline-mix/1", answerer.GetProperty("strategy").GetString());
        Assert.Equal(JsonValueKind.Null, answerer.GetProperty("modelVersion").ValueKind);
        Assert.Equal(cases, answerer.GetProperty("lists").GetInt32());
        // No model is loaded, so every list says why the mix answered.
        Assert.Equal(cases, online.GetProperty("fallbacks").EnumerateArray().Sum(f => f.GetProperty("lists").GetInt32()));
        var p50 = online.GetProperty("latencyP50Ms").GetDouble();
        Assert.True(p50 > 0 && p50 <= online.GetProperty("latencyP99Ms").GetDouble());
        Assert.Contains(root.GetProperty("wallTimes").EnumerateArray(), t => t.GetProperty("stage").GetString() == "requests");
        Assert.All(["ONLINE baseline-mix/1", "NDCG@10", "by the non-learned mix", "p99"], text => Assert.Contains(text, output));
    }

    [Fact]
    public async Task Online_with_a_model_is_refused_before_any_work()
    {
        using var temp = new TempFolder();

        var (exitCode, output) = await CommandLine.Run("eval", "--online", "http://127.0.0.1:9/", "--model", temp.File("model"),
            "--data", temp.File("nowhere"), "--cutoff", Cutoff, "--json", temp.File("online.json"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--online evaluates what the silo serves: --model cannot be given with it.", output);
        Assert.DoesNotContain("No such folder", output);
    }

    [Fact]
    public async Task Online_eval_of_an_unreachable_silo_stops_with_one_line_naming_it()
    {
        using var temp = new TempFolder();
        SyntheticRetailCsv.Write(temp.File("csv"));
        const string url = "http://127.0.0.1:9/";

        var (exitCode, output) = await CommandLine.Run("eval", "--online", url, "--data", temp.File("csv"),
            "--cutoff", Cutoff, "--json", temp.File("online.json"));

        Assert.Equal(2, exitCode);
        var error = Assert.Single(output.Split('\n'), line => line.Contains("Online evaluation against", StringComparison.Ordinal));
        Assert.Contains(url, error);
        Assert.Contains("Cannot reach", error);
        Assert.False(File.Exists(temp.File("online.json")));
    }
}
