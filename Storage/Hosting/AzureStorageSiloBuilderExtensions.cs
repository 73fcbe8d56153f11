using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Recsys.Grains.Journal;
using Recsys.Storage.Azure;
using Recsys.Storage.Json;

namespace Recsys.Storage.Hosting;

public static class AzureStorageSiloBuilderExtensions
{
    /// <summary>Grain state (as the storage provider <paramref name="storageName"/>) in Azure blobs, one per grain
    /// state and never limited in size, and the event journal in an Azure table: storage every silo of a cluster
    /// shares, so a user's state and acknowledged events outlive the silo that held them.</summary>
    public static ISiloBuilder AddAzureStorage(this ISiloBuilder silo, string storageName, AzureStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        silo.AddAzureBlobGrainStorage(storageName, blobs =>
        {
            blobs.BlobServiceClient = new BlobServiceClient(options.ConnectionString);
            blobs.ContainerName = options.StateContainer;
            blobs.GrainStorageSerializer = GrainStateJson.CreateSerializer();
        });
        silo.Services.AddSingleton<IEventJournal>(_ => new AzureTableEventJournal(new TableServiceClient(options.ConnectionString), options.JournalTable));
        return silo;
    }
}
