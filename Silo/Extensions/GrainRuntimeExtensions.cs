using Microsoft.Extensions.Diagnostics.HealthChecks;
using Recsys.Grains.Hosting;
using Recsys.Grains.Recommendations;
using Recsys.Grains.Users;
using Recsys.Runtime.Hosting;
using Recsys.Silo.Apis;
using Recsys.Silo.Infrastructure;
using Recsys.Silo.Options;

namespace Recsys.Silo.Extensions;

public static class GrainRuntimeExtensions
{
    /// <summary>Adds the grain runtime ("Recsys:Runtime") and the recommendation grains ("Recsys:Users",
    /// "Recsys:Recommender"),
    /// with the storage chosen by "Recsys:Storage".</summary>
    public static IHostApplicationBuilder AddRecsysGrainRuntime(this IHostApplicationBuilder builder)
    {
        var runtime = builder.Services.AddRecsysRuntime();
        builder.Services.AddOptions<RuntimeOptions>().BindConfiguration(RuntimeOptions.SectionName);
        runtime.AddRecsysGrains();
        builder.Services.AddOptions<UserGrainOptions>().BindConfiguration(UserGrainOptions.SectionName).ValidateOnStart();
        builder.Services.AddOptions<RecommenderOptions>().BindConfiguration(RecommenderOptions.SectionName).ValidateOnStart();
        builder.AddRecsysStorage(runtime);
        builder.Services.AddHealthChecks().AddCheck<RuntimeReadinessCheck>("runtime", HealthStatus.Unhealthy, [HealthApi.ReadyTag]);
        return builder;
    }

    /// <summary>Grain state and the event journal: both in one SQLite file (the default), or in memory.</summary>
    public static IHostApplicationBuilder AddRecsysStorage(this IHostApplicationBuilder builder, IRuntimeBuilder runtime)
    {
        var storage = builder.AddValidatedOptions<StorageOptions>();
        if (storage.IsMemory)
        {
            runtime.AddMemoryGrainStorage().AddMemoryEventJournal();
            return builder;
        }
        runtime
            .AddSqliteGrainStorage(configure: o =>
            {
                o.Path = storage.Path;
                o.DurableCommits = storage.DurableCommits;
            })
            .AddSqliteEventJournal(storage.Path);
        builder.Services.AddSingleton<SqliteStorageCheck>();
        builder.Services.AddHealthChecks().AddCheck<SqliteStorageCheck>("storage", HealthStatus.Unhealthy, [HealthApi.ReadyTag]);
        return builder;
    }
}
