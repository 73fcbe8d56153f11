using System.Text.Json;
using Recsys.Silo.Options;

namespace Recsys.Cli.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class KeysCommandTests
{
    [Fact]
    public async Task A_new_key_is_printed_once_with_the_entry_that_admits_it()
    {
        var (exitCode, output) = await CommandLine.Run("keys", "new", "--name", "frontend", "--scopes", "read,ingest", "--rate", "5");
        var lines = output.Split('\n').Select(line => line.Trim()).ToList();
        var key = lines.Single(line => line.StartsWith("rsk_", StringComparison.Ordinal));
        var entry = JsonSerializer.Deserialize<ApiKeyOptions>(lines.Single(line => line.StartsWith('{')))!;

        Assert.Equal(0, exitCode);
        Assert.Equal(ApiKeyOptions.HashOf(key), entry.Sha256);
        Assert.Equal(("frontend", 5), (entry.Name, entry.RequestsPerSecond));
        Assert.Equal(["read", "ingest"], entry.Scopes);
        Assert.Empty(entry.Validate("entry"));
        Assert.True(key.Length > 40, "a key carries 256 random bits");
        Assert.Contains($"RECSYS__SECURITY__APIKEYS__N__SHA256={entry.Sha256}", output);
        Assert.NotEqual(key, (await CommandLine.Run("keys", "new", "--name", "frontend", "--scopes", "read")).Output.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("rsk_", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_unknown_scope_is_refused()
    {
        var (exitCode, output) = await CommandLine.Run("keys", "new", "--name", "x", "--scopes", "write");

        Assert.Equal(2, exitCode);
        Assert.Contains("scopes are ingest, catalog, read, admin", output);
    }
}
