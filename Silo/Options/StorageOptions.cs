namespace Recsys.Silo.Options;

/// <summary>Where grain state and the event journal are kept (configuration section "Recsys:Storage").</summary>
public sealed class StorageOptions : IValidatedOptions
{
    public const string Sqlite = "sqlite";
    public const string Memory = "memory";

    public static string SectionName => "Recsys:Storage";

    /// <summary>"sqlite" (default: one embedded file) or "memory" (tests and demos: nothing survives the process).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>The SQLite file holding grain state and the event journal; created with its folder when missing.</summary>
    public string Path { get; set; } = "recsys-data/recsys.db";

    /// <summary>True: every commit waits for the disk (survives power loss). False: commits survive a
    /// crash of the process but the last ones may be lost on power loss.</summary>
    public bool DurableCommits { get; set; }

    public bool IsMemory => string.Equals(Provider, Memory, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> Validate()
    {
        if (!IsMemory && !string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{SectionName}:{nameof(Provider)} must be '{Sqlite}' or '{Memory}' (was '{Provider}').";
        }
        if (!IsMemory && string.IsNullOrWhiteSpace(Path))
        {
            yield return $"{SectionName}:{nameof(Path)} must name a file when the provider is '{Sqlite}'.";
        }
    }
}
