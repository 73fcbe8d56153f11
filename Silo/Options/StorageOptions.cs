namespace Recsys.Silo.Options;

/// <summary>Where grain state and the event journal are kept (configuration section "Recsys:Storage").</summary>
public sealed class StorageOptions : IValidatedOptions
{
    public const string Sqlite = "sqlite";
    public const string Azure = "azure";

    public static string SectionName => "Recsys:Storage";

    /// <summary>"sqlite": one embedded file, the store of a single silo. "azure": Azure Storage (or Azurite),
    /// blobs for grain state and a table for the journal, which every silo of a cluster shares.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>The SQLite file holding grain state and the event journal; created with its folder when missing.</summary>
    public string Path { get; set; } = "recsys-data/recsys.db";

    /// <summary>True: every commit of state and journal waits for the disk (survives power loss). False:
    /// commits survive a crash of the process but the last ones may be lost on power loss (SQLite).</summary>
    public bool DurableCommits { get; set; }

    /// <summary>The Azure Storage connection string (azure); cluster membership uses the same account.</summary>
    public string? ConnectionString { get; set; }

    public bool IsAzure => string.Equals(Provider, Azure, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> Validate()
    {
        if (!IsAzure && !string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{SectionName}:{nameof(Provider)} must be '{Sqlite}' or '{Azure}' (was '{Provider}').";
        }
        if (!IsAzure && string.IsNullOrWhiteSpace(Path))
        {
            yield return $"{SectionName}:{nameof(Path)} must name a file when the provider is '{Sqlite}'.";
        }
        if (IsAzure && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return $"{SectionName}:{nameof(ConnectionString)} must be set when the provider is '{Azure}' (UseDevelopmentStorage=true for Azurite on its default ports).";
        }
    }
}
