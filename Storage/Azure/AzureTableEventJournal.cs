using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Json;
using Recsys.Grains.Journal;

namespace Recsys.Storage.Azure;

/// <summary>The journal in an Azure table, which every silo of the cluster reaches: one partition per user,
/// one row per event keyed by its position, so an append is one entity-group transaction (up to 100 events
/// each) and a position taken by another activation is refused by the table itself. Payloads are sealed with the
/// user's key (<see cref="UserKeyStore"/>), which erasure destroys.</summary>
public sealed class AzureTableEventJournal(TableServiceClient service, string tableName, UserKeyStore keys) : IEventJournal
{
    private const int MaxTransactionSize = 100;
    private const string PayloadProperty = "Payload";

    /// <summary>Rows written before payloads were sealed lack it and hold the JSON as it is.</summary>
    private const string SealedProperty = "Sealed";

    private readonly CreatedTable _created = new(service.GetTableClient(tableName));

    public async Task<IReadOnlyList<JournaledEvent>> Append(string userId, long firstSequence, IReadOnlyList<UserEvent> events, CancellationToken cancellationToken)
    {
        var table = await _created.Get(cancellationToken);
        var partition = PartitionOf(userId);
        var key = await keys.KeyOf(userId, cancellationToken);
        var journaled = events.Select((e, i) => new JournaledEvent(firstSequence + i, e)).ToList();
        foreach (var chunk in journaled.Chunk(MaxTransactionSize))
        {
            var actions = chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, RowOf(e.Sequence))
            {
                [PayloadProperty] = UserKeyStore.Seal(key, JsonSerializer.SerializeToUtf8Bytes(e.Event, RecsysJson.Options)),
                [SealedProperty] = true,
            }));
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
            {
                throw new JournalConflictException(userId, chunk[e.FailedTransactionActionIndex ?? 0].Sequence);
            }
        }
        return journaled;
    }

    public async Task<IReadOnlyList<JournaledEvent>> Read(string userId, long afterSequence, CancellationToken cancellationToken)
    {
        var table = await _created.Get(cancellationToken);
        List<JournaledEvent> events = [];
        await foreach (var entity in table.QueryAsync<TableEntity>(After(userId, afterSequence), cancellationToken: cancellationToken))
        {
            var payload = entity.GetBinary(PayloadProperty);
            var json = entity.GetBoolean(SealedProperty) == true ? UserKeyStore.Open(await keys.KeyOf(userId, cancellationToken), payload) : payload;
            var userEvent = JsonSerializer.Deserialize<UserEvent>(json, RecsysJson.Options)!;
            events.Add(new JournaledEvent(long.Parse(entity.RowKey, CultureInfo.InvariantCulture), userEvent));
        }
        return events;
    }

    /// <summary>Deletes the user's rows, then the user's key: copies the storage account may keep of rows or of the
    /// state blob (soft delete, backups) can no longer be read.</summary>
    public async Task Erase(string userId, CancellationToken cancellationToken)
    {
        await Trim(userId, long.MaxValue, cancellationToken);
        await keys.Delete(userId, cancellationToken);
    }

    public async Task Trim(string userId, long throughSequence, CancellationToken cancellationToken)
    {
        var table = await _created.Get(cancellationToken);
        var partition = PartitionOf(userId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey le {RowOf(throughSequence)}");
        List<string> rows = [];
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(entity.RowKey);
        }
        foreach (var chunk in rows.Chunk(MaxTransactionSize))
        {
            await table.SubmitTransactionAsync(
                chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, row), ETag.All)), cancellationToken);
        }
    }

    /// <summary>Scans the whole table: for tests and diagnostics, not for the request path.</summary>
    public async Task<long> Count(CancellationToken cancellationToken)
    {
        var table = await _created.Get(cancellationToken);
        long count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }
        return count;
    }

    private string After(string userId, long afterSequence) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(userId)} and RowKey gt {RowOf(afterSequence)}");

    /// <summary>Rows sort as strings: fixed-width positions sort like the numbers.</summary>
    private static string RowOf(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    private static string PartitionOf(string userId) => TableKeys.Escape(userId);
}
