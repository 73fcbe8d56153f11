using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Recsys.Runtime.Hosting;

/// <summary>The assemblies scanned for grain classes.</summary>
internal sealed class GrainAssemblies
{
    public List<Assembly> Assemblies { get; } = [];

    /// <summary>The one instance registered in <paramref name="services"/>, added on first use.</summary>
    public static GrainAssemblies Of(IServiceCollection services)
    {
        var existing = services.Select(d => d.IsKeyedService ? null : d.ImplementationInstance).OfType<GrainAssemblies>().SingleOrDefault();
        if (existing is not null)
        {
            return existing;
        }
        var created = new GrainAssemblies();
        services.AddSingleton(created);
        return created;
    }
}
