namespace Recsys.Silo.Options;

/// <summary>Where grain state and the event journal are kept (configuration section "Recsys:Storage").</summary>
public sealed class StorageOptions : IValidatedOptions
{
    public const string Sqlite = "sqlite";

    public static string SectionName => "Recsys:Storage";

    /// <summary>"sqlite": one embedded file (the only store of a single silo; the cluster's stores come with
    /// the cluster setup).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>The SQLite file holding grain state and the event journal; created with its folder when missing.</summary>
    public string Path { get; set; } = "recsys-data/recsys.db";

    /// <summary>True: every commit of state and journal waits for the disk (survives power loss). False:
    /// commits survive a crash of the process but the last ones may be lost on power loss.</summary>
    public bool DurableCommits { get; set; }

    public IEnumerable<string> Validate()
    {
        if (!string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{SectionName}:{nameof(Provider)} must be '{Sqlite}' (was '{Provider}').";
        }
        if (string.IsNullOrWhiteSpace(Path))
        {
            yield return $"{SectionName}:{nameof(Path)} must name a file.";
        }
    }
}
