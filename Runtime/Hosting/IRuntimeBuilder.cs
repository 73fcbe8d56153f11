using Microsoft.Extensions.DependencyInjection;

namespace Recsys.Runtime.Hosting;

/// <summary>Configures the runtime of a silo; returned by
/// <see cref="RuntimeServiceCollectionExtensions.AddRecsysRuntime"/>.</summary>
public interface IRuntimeBuilder
{
    IServiceCollection Services { get; }
}

internal sealed class RuntimeBuilder(IServiceCollection services) : IRuntimeBuilder
{
    public IServiceCollection Services { get; } = services;
}
