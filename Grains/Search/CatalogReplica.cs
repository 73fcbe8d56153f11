using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Recsys.Grains.Catalog;
using Recsys.Grains.Interfaces;
using Recsys.Search;

namespace Recsys.Grains.Search;

/// <summary>This silo's copy of the catalog's search index, brought up to date from the catalog shards when a search
/// finds it older than <see cref="SearchOptions.RefreshInterval"/>. A copy per silo rather than index grains: titles
/// are small (the bundled catalog's index is a few MB; a million items some hundreds), searches are many and want
/// no hop, and a copy needs no scatter-gather whose BM25 statistics would differ from shard to shard.</summary>
public sealed class CatalogReplica(IOptions<SearchOptions> options, TimeProvider clock) : IDisposable
{
    private readonly SearchOptions _options = options.Value;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly (Guid Epoch, long Version)[] _seen = new (Guid, long)[options.Value.CatalogShards];
    private long _refreshedAt = long.MinValue;
    private bool _loaded;

    public CatalogSearchIndex Index { get; } = new();

    /// <summary>Titles by item id, for the answers.</summary>
    public IReadOnlyDictionary<string, string> Titles => _titles;

    private readonly ConcurrentDictionary<string, string> _titles = new(StringComparer.Ordinal);

    /// <summary>Categories by item id, of the items that have one: what a recommendation's category filter reads.</summary>
    public IReadOnlyDictionary<string, string> Categories => _categories;

    private readonly ConcurrentDictionary<string, string> _categories = new(StringComparer.Ordinal);

    /// <summary>Brings the index up to date unless it was within the refresh interval; concurrent callers do not wait
    /// for a refresh another one runs, except before the first load.</summary>
    public async Task Refresh(IGrainFactory grains)
    {
        if (_loaded && clock.GetElapsedTime(Volatile.Read(ref _refreshedAt)) < _options.RefreshInterval)
        {
            return;
        }
        if (_loaded ? !await _refreshing.WaitAsync(0) : !await Wait())
        {
            return;
        }
        try
        {
            var started = clock.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, _seen.Length).Select(shard => CatchUp(grains.GetGrain<ICatalogShardGrain>(shard), shard)));
            Volatile.Write(ref _refreshedAt, started);
            _loaded = true;
        }
        finally
        {
            _refreshing.Release();
        }

        async Task<bool> Wait()
        {
            await _refreshing.WaitAsync();
            if (!_loaded)
            {
                return true;
            }
            _refreshing.Release(); // another caller loaded it meanwhile
            return false;
        }
    }

    /// <summary>Reads a shard's changes page by page into the index.</summary>
    private async Task CatchUp(ICatalogShardGrain shard, int number)
    {
        CatalogChanges changes;
        do
        {
            changes = await shard.Since(_seen[number].Epoch, _seen[number].Version, _options.CatalogPageSize);
            if (changes.Items.Count > 0)
            {
                Index.Upsert(changes.Items.Select(item => new SearchDocument(item.Id, item.Title, item.Description, item.Category)));
                foreach (var item in changes.Items)
                {
                    _titles[item.Id] = item.Title;
                    if (item.Category is { } category)
                    {
                        _categories[item.Id] = category;
                    }
                    else
                    {
                        _categories.TryRemove(item.Id, out _);
                    }
                }
            }
            _seen[number] = (changes.Epoch, changes.Version);
        }
        while (!changes.Complete);
    }

    public void Dispose()
    {
        Index.Dispose();
        _refreshing.Dispose();
    }
}
