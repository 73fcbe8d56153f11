namespace Recsys.Model;

/// <summary>FNV-1a over UTF-16 code units: a hash that, unlike <see cref="string.GetHashCode()"/>, is the
/// same in every process, so it can pick shards and samples.</summary>
public static class Fnv1aHash
{
    public static uint Of(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    /// <summary>The shard (0 .. <paramref name="shardCount"/> − 1) a key belongs to; the same in every process.</summary>
    public static int ShardOf(string key, int shardCount) => (int)(Of(key) % (uint)shardCount);
}
