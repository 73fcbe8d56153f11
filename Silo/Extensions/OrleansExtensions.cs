using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Configuration;
using Orleans.Dashboard;
using Recsys.Grains.Hosting;
using Recsys.Grains.Persistence;
using Recsys.Silo.Apis;
using Recsys.Silo.Infrastructure;
using Recsys.Silo.Options;
using Recsys.Storage.Hosting;
using Recsys.Storage.Sqlite;

namespace Recsys.Silo.Extensions;

public static class OrleansExtensions
{
    /// <summary>The Orleans silo in this process: localhost clustering on "Recsys:Cluster", the runtime
    /// settings of "Recsys:Runtime", the recommendation grains, their storage ("Recsys:Storage"), activity
    /// propagation for traces, and the dashboard when "Recsys:Dashboard:Enabled".</summary>
    public static WebApplicationBuilder AddRecsysOrleans(this WebApplicationBuilder builder)
    {
        var cluster = builder.AddValidatedOptions<ClusterHostingOptions>();
        var runtime = builder.AddValidatedOptions<RuntimeOptions>();
        var storage = builder.AddValidatedOptions<StorageOptions>();
        var dashboard = builder.AddValidatedOptions<DashboardSettings>();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            silo.AddRecsysRuntime(runtime)
                .AddRecsysGrains()
                .AddSqliteStorage(RecsysGrainStorage.Name, new SqliteStorageOptions { Path = storage.Path, DurableCommits = storage.DurableCommits })
                .AddActivityPropagation();
            if (dashboard.Enabled)
            {
                silo.AddDashboard();
            }
        });
        builder.Services.AddHealthChecks()
            .AddCheck<RuntimeReadinessCheck>("runtime", HealthStatus.Unhealthy, [HealthApi.ReadyTag])
            .AddCheck<SqliteStorageCheck>("storage", HealthStatus.Unhealthy, [HealthApi.ReadyTag]);
        return builder;
    }

    /// <summary>Grain call timeouts, idle collection and deactivation limits from <paramref name="runtime"/>.</summary>
    public static ISiloBuilder AddRecsysRuntime(this ISiloBuilder silo, RuntimeOptions runtime)
    {
        silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = runtime.CallTimeout);
        silo.Configure<GrainCollectionOptions>(collection =>
        {
            collection.CollectionAge = runtime.CollectionAge;
            // Orleans wants the age above the quantum: look four times per age, at most once a minute.
            collection.CollectionQuantum = runtime.CollectionAge / 4 < collection.CollectionQuantum ? runtime.CollectionAge / 4 : collection.CollectionQuantum;
            collection.DeactivationTimeout = runtime.ShutdownTimeout;
        });
        return silo;
    }
}
