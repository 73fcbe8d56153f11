using Azure.Data.Tables;

namespace Recsys.Storage.Azure;

/// <summary>A table created on first use: one creation at a time, and a failed one tried again on the next use
/// (storage that was briefly unreachable at start does not leave the table missing for good).</summary>
internal sealed class CreatedTable(TableClient table)
{
    private readonly SemaphoreSlim _creation = new(1, 1);
    private volatile bool _created;

    public async Task<TableClient> Get(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return table;
        }
        await _creation.WaitAsync(cancellationToken);
        try
        {
            if (!_created)
            {
                await table.CreateIfNotExistsAsync(cancellationToken);
                _created = true;
            }
        }
        finally
        {
            _creation.Release();
        }
        return table;
    }
}
