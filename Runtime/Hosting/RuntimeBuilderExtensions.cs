using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Recsys.Runtime.Storage;
using Recsys.Runtime.Storage.Sqlite;

namespace Recsys.Runtime.Hosting;

public static class RuntimeBuilderExtensions
{
    /// <summary>Registers every grain class of <paramref name="assembly"/>.</summary>
    public static IRuntimeBuilder AddGrains(this IRuntimeBuilder builder, Assembly assembly)
    {
        var registered = GrainAssemblies.Of(builder.Services).Assemblies;
        if (!registered.Contains(assembly))
        {
            registered.Add(assembly);
        }
        return builder;
    }

    /// <summary>Keeps grain state in memory (tests): lost when the process ends.</summary>
    public static IRuntimeBuilder AddMemoryGrainStorage(this IRuntimeBuilder builder, string name = GrainStorageNames.Default)
    {
        builder.Services.AddKeyedSingleton<IGrainStorage, MemoryGrainStorage>(name);
        return builder;
    }

    /// <summary>Keeps grain state in a SQLite file (the embedded default).</summary>
    public static IRuntimeBuilder AddSqliteGrainStorage(this IRuntimeBuilder builder, string name = GrainStorageNames.Default, Action<SqliteGrainStorageOptions>? configure = null)
    {
        builder.Services.AddOptions<SqliteGrainStorageOptions>(name).Configure(configure ?? (_ => { }));
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) =>
            new SqliteGrainStorage(sp.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<SqliteGrainStorageOptions>>().Get((string)key!)));
        return builder;
    }
}
