using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;

namespace Recsys.Storage.Azure;

/// <summary>Each user's data key (AES-256-GCM) in an Azure table, made on first use. The user's state and journaled
/// events are sealed with it, and erasing the user deletes it: whatever copies the storage account keeps (soft-deleted
/// blobs, replicas, backups) can no longer be read.</summary>
public sealed class UserKeyStore(TableServiceClient service, string tableName)
{
    private const string RowKey = "key";
    private const string KeyProperty = "Key";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    /// <summary>Keys of users seen lately; cleared whole when it grows past this, so memory stays bounded.</summary>
    private const int CachedKeys = 100_000;

    private readonly CreatedTable _created = new(service.GetTableClient(tableName));
    private readonly ConcurrentDictionary<string, byte[]> _cache = new(StringComparer.Ordinal);

    public async Task<byte[]> KeyOf(string userId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(userId, out var cached))
        {
            return cached;
        }
        var table = await _created.Get(cancellationToken);
        var partition = TableKeys.Escape(userId);
        var stored = await table.GetEntityIfExistsAsync<TableEntity>(partition, RowKey, cancellationToken: cancellationToken);
        var key = stored.HasValue ? stored.Value!.GetBinary(KeyProperty) : await Create(table, partition, cancellationToken);
        if (_cache.Count >= CachedKeys)
        {
            _cache.Clear();
        }
        return _cache.GetOrAdd(userId, key);
    }

    /// <summary>Destroys the user's key: what was sealed with it is unreadable from then on.</summary>
    public async Task Delete(string userId, CancellationToken cancellationToken)
    {
        var table = await _created.Get(cancellationToken);
        _cache.TryRemove(userId, out _);
        await table.DeleteEntityAsync(TableKeys.Escape(userId), RowKey, ETag.All, cancellationToken);
    }

    /// <summary>Nonce, tag and ciphertext of <paramref name="plain"/>.</summary>
    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> plain)
    {
        var sealedBytes = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes));
        return sealedBytes;
    }

    /// <exception cref="AuthenticationTagMismatchException">Sealed with another key, or altered.</exception>
    public static byte[] Open(byte[] key, ReadOnlySpan<byte> sealedBytes)
    {
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes[..NonceBytes], sealedBytes[(NonceBytes + TagBytes)..], sealedBytes.Slice(NonceBytes, TagBytes), plain);
        return plain;
    }

    /// <summary>A new key; when another silo made one first, theirs.</summary>
    private static async Task<byte[]> Create(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            await table.AddEntityAsync(new TableEntity(partition, RowKey) { [KeyProperty] = key }, cancellationToken);
            return key;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            return (await table.GetEntityAsync<TableEntity>(partition, RowKey, cancellationToken: cancellationToken)).Value.GetBinary(KeyProperty);
        }
    }
}
