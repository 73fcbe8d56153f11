using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;
using Recsys.Silo.Options;

namespace Recsys.Silo.Extensions;

internal static class ConfigurationExtensions
{
    private const string DefaultsResource = "Recsys.Silo.appsettings.json";

    /// <summary>Puts the defaults shipped inside this assembly under every other source, so files,
    /// environment variables (RECSYS__...) and the command line override them. They are copied into a
    /// memory source because a stream source cannot be loaded again when the sources are rebuilt.</summary>
    public static void AddEmbeddedDefaults(this IConfigurationManager configuration)
    {
        using var stream = typeof(ConfigurationExtensions).Assembly.GetManifestResourceStream(DefaultsResource)
            ?? throw new InvalidOperationException($"The embedded resource {DefaultsResource} is missing.");
        var defaults = new ConfigurationBuilder().AddJsonStream(stream).Build().AsEnumerable();
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
    }

    /// <summary>Reads and checks the options of <typeparamref name="T"/> now (composition depends on
    /// them) and registers the same values as <see cref="IOptions{TOptions}"/>.</summary>
    /// <exception cref="OptionsValidationException">A setting is invalid; the messages name its key.</exception>
    public static T AddValidatedOptions<T>(this IHostApplicationBuilder builder) where T : class, IValidatedOptions, new()
    {
        var options = builder.ValidatedOptions<T>();
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        return options;
    }

    /// <summary>The options of section <c>T.SectionName</c>, validated, for another extension that needs them at
    /// start-up; the one that owns them registers them (<see cref="AddValidatedOptions{T}"/>).</summary>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names each key.</exception>
    public static T ValidatedOptions<T>(this IHostApplicationBuilder builder) where T : class, IValidatedOptions, new()
    {
        var options = builder.Configuration.GetSection(T.SectionName).Get<T>() ?? new T();
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(T.SectionName, typeof(T), problems);
        }
        return options;
    }
}
