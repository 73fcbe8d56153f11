using Recsys.Silo.Options;

namespace Recsys.Silo.Security;

/// <summary>The configured API keys by the SHA-256 of the key: a presented key is hashed and looked up, so the keys
/// themselves are never held.</summary>
internal sealed class ApiKeyRegistry(SecurityOptions security)
{
    private readonly Dictionary<string, ApiKeyOptions> _byHash = security.ApiKeys.ToDictionary(key => key.Sha256.ToLowerInvariant(), StringComparer.Ordinal);
    private readonly Dictionary<string, ApiKeyOptions> _byName = security.ApiKeys.ToDictionary(key => key.Name, StringComparer.Ordinal);

    /// <summary>No keys configured: every request may call every endpoint (loopback, or anonymous by choice).</summary>
    public bool IsOpen => _byHash.Count == 0;

    public ApiKeyOptions? Find(string presented) => _byHash.GetValueOrDefault(ApiKeyOptions.HashOf(presented));

    public ApiKeyOptions? Named(string name) => _byName.GetValueOrDefault(name);
}
