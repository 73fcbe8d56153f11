namespace Recsys.Storage.Azure;

/// <summary>Where a cluster keeps its data in Azure Storage (or Azurite).</summary>
public sealed class AzureStorageOptions
{
    /// <summary>An Azure Storage connection string ("UseDevelopmentStorage=true" for Azurite on its default ports).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The blob container of grain state.</summary>
    public string StateContainer { get; init; } = "recsys-grain-state";

    /// <summary>The table of the event journal.</summary>
    public string JournalTable { get; init; } = "recsysjournal";

    /// <summary>The table of users' data keys (<see cref="UserKeyStore"/>).</summary>
    public string KeyTable { get; init; } = "recsysuserkeys";
}
