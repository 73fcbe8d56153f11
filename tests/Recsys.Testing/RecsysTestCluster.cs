using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Recsys.Grains.Hosting;
using Recsys.Grains.Journal;
using Recsys.Grains.Persistence;
using Recsys.Grains.Recommendations;
using Recsys.Grains.Search;
using Recsys.Grains.Users;
using Recsys.Silo.Extensions;
using Recsys.Silo.Options;
using Recsys.Storage.Azure;
using Recsys.Storage.Hosting;
using Recsys.Storage.Json;
using Recsys.Storage.Sqlite;
using Recsys.Serving;

namespace Recsys.Testing;

/// <summary>The recommendation grains on an Orleans <see cref="InProcessTestCluster"/> of one silo, composed
/// with the silo's own extensions (<see cref="OrleansExtensions.AddRecsysRuntime"/>,
/// <see cref="GrainsSiloBuilderExtensions.AddRecsysGrains"/>). State and journal are in memory (state still
/// goes through the JSON storage serializer) unless a SQLite folder or an Azure Storage account is given.</summary>
public sealed class RecsysTestCluster : IAsyncDisposable
{
    public const string DatabaseFileName = "recsys.db";

    private readonly InProcessTestCluster _cluster;

    private RecsysTestCluster(InProcessTestCluster cluster) => _cluster = cluster;

    /// <summary>The cluster's client: calls go through Orleans' messaging and serializer like a frontend's.</summary>
    public IClusterClient Grains => _cluster.Client;

    /// <param name="sqliteFolder">Keep state and journal in a SQLite file there.</param>
    /// <param name="azureStorage">Keep them in Azure Storage (Azurite) instead: a connection string.</param>
    public static async Task<RecsysTestCluster> StartAsync(
        string? sqliteFolder = null,
        Action<UserGrainOptions>? users = null,
        Action<RecommenderOptions>? recommender = null,
        Action<SearchOptions>? search = null,
        Action<ModelServingOptions>? model = null,
        TimeProvider? clock = null,
        RuntimeOptions? runtime = null,
        string? azureStorage = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            if (clock is not null)
            {
                silo.Services.AddSingleton(clock);
            }
            silo.AddRecsysRuntime(runtime ?? new RuntimeOptions()).AddRecsysGrains().AddRecsysModelServing();
            if (users is not null)
            {
                silo.Services.Configure(users);
            }
            if (recommender is not null)
            {
                silo.Services.Configure(recommender);
            }
            if (search is not null)
            {
                silo.Services.Configure(search);
            }
            if (model is not null)
            {
                silo.Services.Configure(model);
            }
            if (azureStorage is not null)
            {
                silo.AddAzureStorage(RecsysGrainStorage.Name, new AzureStorageOptions { ConnectionString = azureStorage });
            }
            else if (sqliteFolder is not null)
            {
                silo.AddSqliteStorage(RecsysGrainStorage.Name, new SqliteStorageOptions { Path = Path.Combine(sqliteFolder, DatabaseFileName) });
            }
            else
            {
                silo.AddMemoryGrainStorage(RecsysGrainStorage.Name, o => o.GrainStorageSerializer = GrainStateJson.CreateSerializer());
                silo.Services.AddSingleton<IEventJournal, MemoryEventJournal>();
            }
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new RecsysTestCluster(cluster);
    }

    /// <summary>A service of the silo, e.g. its <see cref="IEventJournal"/>.</summary>
    public T Service<T>() where T : notnull => _cluster.GetSiloServiceProvider().GetRequiredService<T>();

    /// <summary>Stops the silo gracefully: every grain deactivates and writes its state.</summary>
    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();
}
