using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Recsys.Grains.Hosting;
using Recsys.Grains.Persistence;
using Recsys.Serving;
using Recsys.Silo.Apis;
using Recsys.Silo.Infrastructure;
using Recsys.Silo.Options;
using Recsys.Storage.Azure;
using Recsys.Storage.Hosting;
using Recsys.Storage.Sqlite;

namespace Recsys.Silo.Extensions;

public static class OrleansExtensions
{
    /// <summary>The Orleans silo in this process: clustering by "Recsys:Cluster" (localhost, azure or kubernetes),
    /// the runtime settings of "Recsys:Runtime", the recommendation grains, their storage ("Recsys:Storage":
    /// SQLite or Azure), activity propagation for traces, and the dashboard when "Recsys:Dashboard:Enabled".</summary>
    /// <exception cref="OptionsValidationException">A setting, or a combination of them, is invalid; the message names the keys.</exception>
    public static WebApplicationBuilder AddRecsysOrleans(this WebApplicationBuilder builder)
    {
        var cluster = builder.AddValidatedOptions<ClusterHostingOptions>();
        var runtime = builder.AddValidatedOptions<RuntimeOptions>();
        var storage = builder.AddValidatedOptions<StorageOptions>();
        var dashboard = builder.AddValidatedOptions<DashboardSettings>();
        if (!cluster.IsLocalhost && !storage.IsAzure)
        {
            throw new OptionsValidationException(ClusterHostingOptions.SectionName, typeof(ClusterHostingOptions),
                [$"{ClusterHostingOptions.SectionName}:{nameof(ClusterHostingOptions.Mode)} '{cluster.Mode}' needs {StorageOptions.SectionName}:{nameof(StorageOptions.Provider)} '{StorageOptions.Azure}': the silos of a cluster must share their storage, and a SQLite file belongs to one silo."]);
        }
        builder.UseOrleans(silo =>
        {
            silo.AddRecsysClustering(cluster, storage)
                .AddRecsysRuntime(runtime)
                .AddRecsysGrains()
                .AddRecsysModelServing()
                .AddActivityPropagation();
            if (storage.IsAzure)
            {
                silo.AddAzureStorage(RecsysGrainStorage.Name, new AzureStorageOptions { ConnectionString = storage.ConnectionString! });
            }
            else
            {
                silo.AddSqliteStorage(RecsysGrainStorage.Name, new SqliteStorageOptions { Path = storage.Path, DurableCommits = storage.DurableCommits });
            }
            if (dashboard.Enabled)
            {
                silo.AddDashboard();
            }
        });
        var health = builder.Services.AddHealthChecks()
            .AddCheck<RuntimeReadinessCheck>("runtime", HealthStatus.Unhealthy, [HealthApi.ReadyTag]);
        if (storage.IsAzure)
        {
            builder.Services.AddSingleton(new AzureStorageCheck(new TableServiceClient(storage.ConnectionString)));
            health.AddCheck<AzureStorageCheck>("storage", HealthStatus.Unhealthy, [HealthApi.ReadyTag]);
        }
        else
        {
            health.AddCheck<SqliteStorageCheck>("storage", HealthStatus.Unhealthy, [HealthApi.ReadyTag]);
        }
        return builder;
    }

    /// <summary>Membership and endpoints: localhost clustering, or Azure table membership shared by every silo
    /// (in Kubernetes with names, addresses and ids from the pod), with failure detection tuned by
    /// "Recsys:Cluster:ProbeTimeout" and "MissedProbesLimit".</summary>
    public static ISiloBuilder AddRecsysClustering(this ISiloBuilder silo, ClusterHostingOptions cluster, StorageOptions storage)
    {
        if (cluster.IsLocalhost)
        {
            return silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
        }
        silo.Configure<ClusterOptions>(ids =>
        {
            ids.ClusterId = cluster.ClusterId;
            ids.ServiceId = cluster.ServiceId;
        });
        if (cluster.SiloName is { } name)
        {
            silo.Configure<SiloOptions>(options => options.SiloName = name);
        }
        silo.UseAzureStorageClustering(membership => membership.TableServiceClient = new TableServiceClient(storage.ConnectionString));
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = cluster.ProbeTimeout;
            membership.NumMissedProbesLimit = cluster.MissedProbesLimit;
        });
        if (cluster.IsKubernetes)
        {
            silo.Configure<EndpointOptions>(endpoints =>
            {
                endpoints.SiloPort = cluster.SiloPort;
                endpoints.GatewayPort = cluster.GatewayPort;
            });
            return silo.UseKubernetesHosting();
        }
        return cluster.AdvertisedAddress is { } address
            ? silo.ConfigureEndpoints(IPAddress.Parse(address), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true)
            : silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
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
