using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Recsys.Grains.Diagnostics;
using Recsys.Grains.Items;
using Recsys.Grains.Recommendations;
using Recsys.Grains.Search;
using Recsys.Grains.Users;

namespace Recsys.Grains.Hosting;

public static class GrainsSiloBuilderExtensions
{
    /// <summary>The recommendation grains' settings, bound from "Recsys:Users", "Recsys:Recommender" and "Recsys:Search" and
    /// checked when the silo starts. The grains also need a grain storage named
    /// <see cref="Persistence.RecsysGrainStorage.Name"/> and an <see cref="Journal.IEventJournal"/>.</summary>
    public static ISiloBuilder AddRecsysGrains(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<UserGrainOptions>().BindConfiguration(UserGrainOptions.SectionName)
            .Validate(Valid<UserGrainOptions>(o => o.Validate())).ValidateOnStart();
        silo.Services.AddOptions<RecommenderOptions>().BindConfiguration(RecommenderOptions.SectionName)
            .Validate(Valid<RecommenderOptions>(o => o.Validate())).ValidateOnStart();
        silo.Services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.SectionName)
            .Validate(Valid<SearchOptions>(o => o.Validate())).ValidateOnStart();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<CatalogReplica>();
        silo.Services.TryAddSingleton<IItemEncoder, NoItemEncoder>();
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<GrainsTelemetry>();
        silo.Services.TryAddSingleton<SharedSignalsCache>();
        return silo;
    }

    // The options' own Validate names the key in its exception, which reaches the operator as it is.
    private static Func<T, bool> Valid<T>(Action<T> validate) => options =>
    {
        validate(options);
        return true;
    };
}
