using Microsoft.Extensions.DependencyInjection;
using Recsys.Grains.Hosting;
using Recsys.Grains.Recommendations;
using Recsys.Grains.Users;
using Recsys.Runtime.Hosting;

namespace Recsys.Grains.Tests;

/// <summary>The recommendation grains on an in-process silo: memory storage and journal unless a
/// SQLite folder is given.</summary>
internal static class GrainsSilo
{
    public static Task<InProcessSilo> StartAsync(
        string? sqliteFolder = null,
        Action<UserGrainOptions>? users = null,
        Action<RecommenderOptions>? recommender = null,
        TimeProvider? clock = null) =>
        InProcessSilo.StartAsync(builder =>
        {
            builder.AddRecsysGrains(users);
            if (recommender is not null)
            {
                builder.Services.Configure(recommender);
            }
            if (clock is not null)
            {
                builder.Services.AddSingleton(clock);
            }
            if (sqliteFolder is null)
            {
                builder.AddMemoryGrainStorage().AddMemoryEventJournal();
            }
            else
            {
                var path = Path.Combine(sqliteFolder, "recsys.db");
                builder.AddSqliteGrainStorage(configure: o => o.Path = path).AddSqliteEventJournal(path);
            }
        });

    public static T Service<T>(this InProcessSilo silo) where T : notnull => silo.Services.GetRequiredService<T>();
}
