using Recsys.Runtime.Hosting;
using Recsys.Runtime.Storage;
using Recsys.Runtime.Storage.Sqlite;

namespace Recsys.Runtime.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public async Task StateSurvivesDeactivation()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync(Sqlite(temp));
        var log = silo.Service<ActivationLog>();
        var grain = silo.Grains.GetGrain<IProfileGrain>("ada");
        await grain.SetName("Ada");

        await grain.Deactivate();
        await ActivationTests.WaitUntil(() => silo.ActivationCount == 0);

        Assert.Equal("Ada", await grain.Name());
        Assert.Equal(2, log.Activations[new GrainId("profile", "ada")]);
    }

    [Fact]
    public async Task StateSurvivesASiloRestartOnTheSameSqliteFile()
    {
        using var temp = new TempDirectory();
        await using (var first = await TestSilo.StartAsync(Sqlite(temp)))
        {
            await first.Grains.GetGrain<IProfileGrain>("grace").SetName("Grace");
            await first.Grains.GetGrain<IProfileGrain>("grace").SetName("Grace Hopper");
        }

        await using var second = await TestSilo.StartAsync(Sqlite(temp));
        var grain = second.Grains.GetGrain<IProfileGrain>("grace");

        Assert.Equal("Grace Hopper", await grain.Name());
        Assert.Equal("2", await grain.Etag());
    }

    [Fact]
    public async Task AWriteWithAStaleEtagIsRefusedAndTheCallerSeesWhy()
    {
        using var temp = new TempDirectory();
        await using var siloA = await TestSilo.StartAsync(Sqlite(temp));
        await using var siloB = await TestSilo.StartAsync(Sqlite(temp));
        var inA = siloA.Grains.GetGrain<IProfileGrain>("shared");
        var inB = siloB.Grains.GetGrain<IProfileGrain>("shared");
        await inA.SetName("first");
        Assert.Equal("first", await inB.Name()); // B has read version 1

        await inA.SetName("second");             // version 2
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => inB.SetName("stale"));

        Assert.Equal("2", refused.StoredEtag);
        Assert.Equal("1", refused.ExpectedEtag);
        Assert.Contains("profile/shared", refused.Message);
        Assert.Equal("second", await inA.Name());
    }

    [Fact]
    public async Task ClearDeletesTheRecord()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync(Sqlite(temp));
        var grain = silo.Grains.GetGrain<IProfileGrain>("gone");
        await grain.SetName("x");

        await grain.Clear();

        var storage = new SqliteGrainStorage(new SqliteGrainStorageOptions { Path = temp.File("state.db") });
        Assert.Null(await storage.ReadAsync(new GrainId("profile", "gone"), "profile", CancellationToken.None));
        Assert.Null(await grain.Name());
    }

    [Fact]
    public async Task MissingStorageProviderFailsAtStartWithItsName()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestSilo.StartAsync(storage: _ => { }));

        Assert.Contains("'Default'", error.Message);
        Assert.Contains(nameof(ProfileGrain), error.Message);
    }

    public static TheoryData<string> Providers => new() { "memory", "sqlite" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ProvidersEnforceEtags(string provider)
    {
        using var temp = new TempDirectory();
        IGrainStorage storage = provider == "memory"
            ? new MemoryGrainStorage()
            : new SqliteGrainStorage(new SqliteGrainStorageOptions { Path = temp.File("etag.db") });
        var id = new GrainId("t", "1");
        var ct = CancellationToken.None;

        var v1 = await storage.WriteAsync(id, "s", new byte[] { 1 }, null, ct);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(id, "s", new byte[] { 2 }, null, ct));
        var v2 = await storage.WriteAsync(id, "s", new byte[] { 3 }, v1, ct);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(id, "s", new byte[] { 4 }, v1, ct));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync(id, "s", v1, ct));

        var stored = await storage.ReadAsync(id, "s", ct);
        Assert.Equal(new byte[] { 3 }, stored!.Payload);
        Assert.Equal(v2, stored.Etag);
        Assert.NotEqual(v1, v2);

        await storage.ClearAsync(id, "s", v2, ct);
        Assert.Null(await storage.ReadAsync(id, "s", ct));
        await storage.ClearAsync(id, "s", null, ct); // clearing nothing is fine
        Assert.Null(await storage.ReadAsync(id, "other", ct));
    }

    private static Action<IRuntimeBuilder> Sqlite(TempDirectory temp) =>
        builder => builder.AddSqliteGrainStorage(configure: o => o.Path = temp.File("state.db"));
}
