using Azure.Data.Tables;

namespace Recsys.Cli.LocalCluster;

/// <summary>A silo as Orleans' membership table (Azure Table storage) records it.</summary>
public sealed record MemberSilo(string Name, string Address, int Port, int Generation, string Status, int GatewayPort);

/// <summary>Reads Orleans' membership table (OrleansSiloInstances) of one cluster: the silos' own view of who is
/// alive, independent of what any local process list says.</summary>
public static class MembershipTable
{
    private const string TableName = "OrleansSiloInstances";

    public static async Task<IReadOnlyList<MemberSilo>> Read(string connectionString, string clusterId, CancellationToken cancellationToken)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(TableName);
        List<MemberSilo> silos = [];
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {clusterId}"), cancellationToken: cancellationToken))
        {
            // The version row of the table has no silo.
            if (row.GetString("SiloName") is not { } name)
            {
                continue;
            }
            silos.Add(new MemberSilo(
                name,
                row.GetString("Address") ?? "",
                Number(row, "Port"),
                Number(row, "Generation"),
                row.GetString("Status") ?? "Unknown",
                Number(row, "ProxyPort")));
        }
        return silos;
    }

    // Orleans stores numbers as strings in some versions and as numbers in others.
    private static int Number(TableEntity row, string name) => row[name] switch
    {
        int value => value,
        long value => (int)value,
        string text when int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) => value,
        _ => 0,
    };
}
