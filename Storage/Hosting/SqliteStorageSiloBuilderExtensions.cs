using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Recsys.Grains.Journal;
using Recsys.Storage.Json;
using Recsys.Storage.Sqlite;

namespace Recsys.Storage.Hosting;

public static class SqliteStorageSiloBuilderExtensions
{
    /// <summary>Grain state (as the storage provider <paramref name="storageName"/>) and the event journal in
    /// one SQLite file.</summary>
    public static ISiloBuilder AddSqliteStorage(this ISiloBuilder silo, string storageName, SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        silo.Services.AddSingleton(_ => new SqliteDatabase(options.Path, options.DurableCommits));
        silo.Services.AddSingleton<IEventJournal>(services => new SqliteEventJournal(services.GetRequiredService<SqliteDatabase>()));
        silo.Services.AddGrainStorage(storageName, (services, name) =>
            new SqliteGrainStorage(name, services.GetRequiredService<SqliteDatabase>(), GrainStateJson.CreateSerializer()));
        return silo;
    }
}
