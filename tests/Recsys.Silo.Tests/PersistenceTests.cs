using Microsoft.Extensions.DependencyInjection;

namespace Recsys.Silo.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public async Task Acknowledged_events_survive_a_restart_on_the_same_sqlite_file()
    {
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["Recsys:Storage:Provider"] = "sqlite",
            ["Recsys:Storage:Path"] = folder.File("recsys.db"),
        };
        var user = Sample.Id("u");

        await using (var first = await TestSilo.Start(settings))
        {
            var result = await first.Client.Track([Sample.Event(user, "i1"), Sample.Event(user, "i2", EventType.Cart)]);
            Assert.Equal(2, result.Accepted);
        }

        await using var second = await TestSilo.Start(settings);
        var profile = await second.Client.Profile(user);

        Assert.True(profile.Known);
        Assert.Equal(2, profile.EventsTracked);
        Assert.Equal(["i2", "i1"], profile.RecentEvents.Select(e => e.ItemId));
    }

    /// <summary>The silo's one database sets how each connection it opens commits from Recsys:Storage:DurableCommits
    /// (SQLite's synchronous: FULL = 2, NORMAL = 1). The journal and the grain storage take their connections only from
    /// it (their constructors are given it); this checks the database's connections and that the journal is the SQLite one.</summary>
    [Theory]
    [InlineData(true, 2L)]
    [InlineData(false, 1L)]
    public async Task The_silos_database_commits_as_durable_commits_says(bool durable, long synchronous)
    {
        await using var silo = await TestSilo.Start(new Dictionary<string, string?> { ["Recsys:Storage:DurableCommits"] = durable ? "true" : "false" });
        var database = silo.App.Services.GetRequiredService<Recsys.Storage.Sqlite.SqliteDatabase>();

        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";

        Assert.Equal(synchronous, (long)(await command.ExecuteScalarAsync())!);
        Assert.IsType<Recsys.Storage.Sqlite.SqliteEventJournal>(silo.App.Services.GetRequiredService<Recsys.Grains.Journal.IEventJournal>());
    }

    [Fact]
    public async Task Readyz_checks_the_sqlite_file()
    {
        using var folder = new TempFolder();
        await using var silo = await TestSilo.Start(new Dictionary<string, string?>
        {
            ["Recsys:Storage:Provider"] = "sqlite",
            ["Recsys:Storage:Path"] = folder.File("ready.db"),
        });

        var body = await silo.Http.GetStringAsync("/readyz");

        Assert.Contains("\"storage\"", body);
    }

    [Fact]
    public async Task Readyz_is_503_when_the_sqlite_file_cannot_be_opened()
    {
        using var folder = new TempFolder();
        var notAFolder = folder.File("not-a-folder");
        await File.WriteAllTextAsync(notAFolder, "");
        await using var silo = await TestSilo.Start(new Dictionary<string, string?>
        {
            ["Recsys:Storage:Provider"] = "sqlite",
            ["Recsys:Storage:Path"] = Path.Combine(notAFolder, "recsys.db"),
        });

        var problem = await Problem.Read(await silo.Http.GetAsync("/readyz"), 503);

        problem.HasField("storage");
    }
}
