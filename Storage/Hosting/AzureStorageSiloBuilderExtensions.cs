using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Recsys.Grains.Journal;
using Recsys.Storage.Azure;
using Recsys.Storage.Json;

namespace Recsys.Storage.Hosting;

public static class AzureStorageSiloBuilderExtensions
{
    /// <summary>Grain state (as the storage provider <paramref name="storageName"/>) in Azure blobs, one per grain
    /// state and never limited in size, and the event journal in an Azure table: storage every silo of a cluster
    /// shares, so a user's state and acknowledged events outlive the silo that held them. Users' state and events
    /// are sealed with a key per user, which erasing the user destroys.</summary>
    public static ISiloBuilder AddAzureStorage(this ISiloBuilder silo, string storageName, AzureStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var blobStorage = storageName + "-blobs";
        silo.AddAzureBlobGrainStorage(blobStorage, blobs =>
        {
            blobs.BlobServiceClient = new BlobServiceClient(options.ConnectionString);
            blobs.ContainerName = options.StateContainer;
            blobs.GrainStorageSerializer = GrainStateJson.CreateSerializer();
            // Cleared state (an erased user) leaves no blob, whose name would still hold the user's id.
            blobs.DeleteStateOnClear = true;
        });
        var tables = new TableServiceClient(options.ConnectionString);
        var keys = new UserKeyStore(tables, options.KeyTable);
        silo.Services.AddGrainStorage(storageName, (services, _) =>
            new SealedUserStateStorage(services.GetRequiredKeyedService<IGrainStorage>(blobStorage), keys, GrainStateJson.CreateSerializer()));
        silo.Services.AddSingleton<IEventJournal>(_ => new AzureTableEventJournal(tables, options.JournalTable, keys));
        return silo;
    }
}
