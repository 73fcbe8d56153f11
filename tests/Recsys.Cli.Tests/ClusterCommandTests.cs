using System.Text.Json;

namespace Recsys.Cli.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class ClusterCommandTests
{
    [SkippableFact]
    public async Task UpStartsSilosThatStatusListsFromTheMembershipTableAndDownStopsThem()
    {
        Skip.If(TestAzurite.MissingReason is not null, TestAzurite.MissingReason);
        using var temp = new TempFolder();
        var data = temp.File("cluster");
        try
        {
            var (upCode, upOutput) = await CommandLine.Run("cluster", "up", "--silos", "2", "--data", data);
            var (statusCode, statusJson) = await CommandLine.Run("cluster", "status", "--data", data, "--json");
            var silos = JsonDocument.Parse(statusJson).RootElement.EnumerateArray().ToList();
            using var http = new HttpClient();
            var profile = await http.GetAsync(new Uri(new Uri(silos[0].GetProperty("httpUrl").GetString()!), "v1/users/nobody/profile"));

            Assert.Equal(0, upCode);
            Assert.Contains("silo-2", upOutput);
            Assert.Equal(0, statusCode);
            Assert.Equal(["silo-1", "silo-2"], silos.Select(s => s.GetProperty("name").GetString()));
            Assert.All(silos, s =>
            {
                Assert.Equal("Active", s.GetProperty("status").GetString());
                Assert.True(s.GetProperty("pid").GetInt32() > 0);
                Assert.True(s.GetProperty("gatewayPort").GetInt32() > 0);
            });
            Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        }
        finally
        {
            var (downCode, _) = await CommandLine.Run("cluster", "down", "--data", data);
            Assert.Equal(0, downCode);
        }
        Assert.Null(ClusterState.Read(data));
    }

    [Fact]
    public async Task StatusOfAFolderWithoutAClusterSaysSo()
    {
        using var temp = new TempFolder();

        var (exitCode, output) = await CommandLine.Run("cluster", "status", "--data", temp.File("none"));

        Assert.Equal(2, exitCode);
        Assert.Contains("No cluster was started", output);
    }
}
