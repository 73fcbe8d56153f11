using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Recsys.Grains.Items;

namespace Recsys.Serving;

public static class ServingSiloBuilderExtensions
{
    /// <summary>The served model: its settings (bound from "Recsys:Model" and checked when the silo starts), the
    /// silo's <see cref="ModelHost"/> (which loads <see cref="ModelServingOptions.Path"/> as the silo starts) and
    /// its <see cref="InferenceBatcher"/>.</summary>
    public static ISiloBuilder AddRecsysModelServing(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<ModelServingOptions>().BindConfiguration(ModelServingOptions.SectionName)
            .Validate(options =>
            {
                options.Validate();
                return true;
            }).ValidateOnStart();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<ServingTelemetry>();
        silo.Services.TryAddSingleton<ModelHost>();
        silo.Services.AddHostedService(services => services.GetRequiredService<ModelHost>());
        silo.Services.TryAddSingleton<InferenceBatcher>();
        // Replaces the grains' default (no model) whichever of the two registers first.
        silo.Services.Replace(ServiceDescriptor.Singleton<IItemEncoder, ServedItemEncoder>());
        return silo;
    }
}
