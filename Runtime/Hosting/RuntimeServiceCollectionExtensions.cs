using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Recsys.Runtime.Core;
using Recsys.Runtime.Serialization;

namespace Recsys.Runtime.Hosting;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>Adds the grain runtime (one silo) and <see cref="IGrainFactory"/>. Add grain classes with
    /// <see cref="RuntimeBuilderExtensions.AddGrains"/> and a storage provider for their state.</summary>
    public static IRuntimeBuilder AddRecsysRuntime(this IServiceCollection services, Action<RuntimeOptions>? configure = null)
    {
        var options = services.AddOptions<RuntimeOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.AddLogging();
        GrainAssemblies.Of(services);
        services.TryAddSingleton<IGrainStateSerializer, JsonGrainStateSerializer>();
        services.TryAddSingleton(sp => new GrainTypeRegistry(sp.GetRequiredService<GrainAssemblies>().Assemblies));
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddHostedService<RuntimeHostedService>();
        return new RuntimeBuilder(services);
    }
}
