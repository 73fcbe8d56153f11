using Recsys.Model.Data;

namespace Recsys.Cli.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class CommandLineTests
{
    [Fact]
    public async Task HelpListsEveryCommandWithItsOptions()
    {
        var (exitCode, output) = await CommandLine.Run("--help");

        Assert.Equal(0, exitCode);
        foreach (var command in new[] { "recsys serve:", "recsys demo:", "recsys import online-retail:", "recsys replay:", "recsys train:", "recsys eval:" })
        {
            Assert.Contains(command, output);
        }
        // The options of every command are listed too, not only the command names.
        Assert.Contains("--events (required)", output);
        Assert.Contains("--sample-bytes", output);
    }

    [Theory]
    [InlineData("replay", "--events", "--url", "--rate", "--catalog", "--batch")]
    [InlineData("demo", "--data", "--keep", "--exit", "--port", "--storage")]
    [InlineData("serve", "--port", "--storage")]
    [InlineData("train", "--data", "--cutoff", "--out", "--epochs", "--device", "--seed")]
    [InlineData("eval", "--data", "--cutoff", "--model", "--json", "--epochs", "--device", "--seed")]
    public async Task HelpOfACommandListsItsOptions(string command, params string[] options)
    {
        var (exitCode, output) = await CommandLine.Run(command, "--help");

        Assert.Equal(0, exitCode);
        Assert.All(options, option => Assert.Contains(option, output));
    }

    [Fact]
    public async Task ImportWritesCleanedEventsAndCatalog()
    {
        using var temp = new TempFolder();
        RetailCsv.Write(temp.File("csv"));

        var (exitCode, output) = await CommandLine.Run("import", "online-retail", "--data", temp.File("csv"), "--out", temp.File("out"));

        Assert.Equal(0, exitCode);
        var events = ProjectFiles.ReadEvents(Path.Combine(temp.File("out"), ProjectFiles.EventsFileName)).ToList();
        var catalog = ProjectFiles.ReadCatalog(Path.Combine(temp.File("out"), ProjectFiles.CatalogFileName)).ToList();
        Assert.Equal(["600001:85123A", "600001:71053", "600002:22752", "600002:85123A", "600005:71053", "600005:22752", "600006:85123A"], events.Select(e => e.EventId));
        Assert.Equal("SET 7 BABUSHKA NESTING BOXES, LARGE", catalog.Single(i => i.Id == "22752").Title);
        Assert.Contains("events written", output);
    }

    [Fact]
    public async Task ImportOfAMissingFolderFailsWithItsName()
    {
        using var temp = new TempFolder();

        var (exitCode, output) = await CommandLine.Run("import", "online-retail", "--data", temp.File("nowhere"), "--out", temp.File("out"));

        Assert.Equal(2, exitCode);
        Assert.Contains("nowhere", output);
    }

    [Fact]
    public async Task ReplayRefusesANegativeRate()
    {
        var (exitCode, output) = await CommandLine.Run("replay", "--events", "x.ndjson", "--rate", "-5");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--rate must be zero or more", output);
    }
}
