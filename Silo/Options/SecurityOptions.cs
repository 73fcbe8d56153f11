using System.Security.Cryptography;
using System.Text;

namespace Recsys.Silo.Options;

/// <summary>Who may call the HTTP API (configuration section "Recsys:Security").</summary>
public sealed class SecurityOptions : IValidatedOptions
{
    public static string SectionName => "Recsys:Security";

    /// <summary>Keys that callers send as <c>X-Api-Key</c> or <c>Authorization: Bearer</c>. With none, the API is open,
    /// which the silo allows only on loopback or with <see cref="AllowAnonymous"/>.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Serve the API without keys beyond loopback: only behind something else that authenticates.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Browser origins allowed to call the API (CORS), e.g. https://shop.example.com. None by default.</summary>
    public List<string> CorsOrigins { get; set; } = [];

    /// <summary>Serve the Swagger UI at /swagger. Default: only in the Development environment.</summary>
    public bool? SwaggerUi { get; set; }

    public IEnumerable<string> Validate()
    {
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            foreach (var problem in ApiKeys[i].Validate($"{SectionName}:{nameof(ApiKeys)}:{i}"))
            {
                yield return problem;
            }
        }
        foreach (var name in ApiKeys.GroupBy(key => key.Name, StringComparer.Ordinal).Where(group => group.Count() > 1).Select(group => group.Key))
        {
            yield return $"{SectionName}:{nameof(ApiKeys)} names '{name}' more than once; each key needs a name of its own (rate limits and logs go by it).";
        }
        if (ApiKeys.GroupBy(key => key.Sha256, StringComparer.OrdinalIgnoreCase).Any(group => group.Count() > 1))
        {
            yield return $"{SectionName}:{nameof(ApiKeys)} holds one key's {nameof(ApiKeyOptions.Sha256)} more than once; give each holder a key of their own.";
        }
        for (var i = 0; i < CorsOrigins.Count; i++)
        {
            if (!Uri.TryCreate(CorsOrigins[i], UriKind.Absolute, out var origin) || origin.AbsolutePath != "/" || origin.Scheme is not ("http" or "https"))
            {
                yield return $"{SectionName}:{nameof(CorsOrigins)}:{i} must be an origin such as https://shop.example.com (was '{CorsOrigins[i]}').";
            }
        }
    }
}

/// <summary>One API key: its SHA-256 (the key itself is never stored), what it may do, and how often.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Who holds it (a frontend, an importer); named in rate limits and logs, never the key.</summary>
    public string Name { get; set; } = "";

    /// <summary>The SHA-256 of the key, 64 hexadecimal digits (<c>recsys keys new</c> prints it).</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>What <see cref="Sha256"/> holds for <paramref name="key"/>: SHA-256 of its UTF-8 bytes, lowercase hex.</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Any of ingest (POST /v1/events), catalog (item upserts), read (items, recommendations, profiles),
    /// admin (erasure, the dashboard).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Requests per second this key may make (a burst of one second's worth); 0: no limit.</summary>
    public int RequestsPerSecond { get; set; } = 100;

    public IEnumerable<string> Validate(string key)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return $"{key}:{nameof(Name)} must not be empty.";
        }
        if (Sha256.Length != 64 || !Sha256.All(char.IsAsciiHexDigit))
        {
            yield return $"{key}:{nameof(Sha256)} must be the key's SHA-256 as 64 hexadecimal digits (recsys keys new prints it).";
        }
        if (Scopes.Count == 0)
        {
            yield return $"{key}:{nameof(Scopes)} must name at least one of {string.Join(", ", ApiScopes.All)}.";
        }
        foreach (var scope in Scopes.Where(scope => !ApiScopes.All.Contains(scope)))
        {
            yield return $"{key}:{nameof(Scopes)} has '{scope}'; scopes are {string.Join(", ", ApiScopes.All)}.";
        }
        if (RequestsPerSecond < 0)
        {
            yield return $"{key}:{nameof(RequestsPerSecond)} must be 0 (no limit) or more (was {RequestsPerSecond}).";
        }
    }
}
