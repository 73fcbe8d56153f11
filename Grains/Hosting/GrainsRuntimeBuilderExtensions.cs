using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Recsys.Grains.Ingestion;
using Recsys.Grains.Journal;
using Recsys.Grains.Recommendations;
using Recsys.Grains.Users;
using Recsys.Runtime.Hosting;

namespace Recsys.Grains.Hosting;

public static class GrainsRuntimeBuilderExtensions
{
    /// <summary>Adds the recommendation grains, their options and the event ingestor. Needs a grain
    /// storage provider and an event journal (<see cref="AddSqliteEventJournal"/> or
    /// <see cref="AddMemoryEventJournal"/>).</summary>
    public static IRuntimeBuilder AddRecsysGrains(this IRuntimeBuilder builder, Action<UserGrainOptions>? configure = null)
    {
        builder.AddGrains(typeof(UserGrain).Assembly);
        var options = builder.Services.AddOptions<UserGrainOptions>().Validate(o =>
        {
            o.Validate();
            return true;
        });
        if (configure is not null)
        {
            options.Configure(configure);
        }
        builder.Services.AddOptions<RecommenderOptions>().Validate(o =>
        {
            o.Validate();
            return true;
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IEventIngestor, EventIngestor>();
        return builder;
    }

    /// <summary>Journals events in a SQLite file before they are acknowledged.</summary>
    public static IRuntimeBuilder AddSqliteEventJournal(this IRuntimeBuilder builder, string path)
    {
        builder.Services.AddSingleton<IEventJournal>(_ => new SqliteEventJournal(path));
        return builder;
    }

    /// <summary>Journals events in memory (tests): nothing survives the process.</summary>
    public static IRuntimeBuilder AddMemoryEventJournal(this IRuntimeBuilder builder)
    {
        builder.Services.AddSingleton<IEventJournal, MemoryEventJournal>();
        return builder;
    }
}
