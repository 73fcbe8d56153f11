namespace Recsys.Silo.Options;

/// <summary>What an API key may do; each is also the name of the authorization policy its endpoints require.</summary>
public static class ApiScopes
{
    /// <summary>POST /v1/events.</summary>
    public const string Ingest = "ingest";

    /// <summary>PUT /v1/items/{id}, POST /v1/items.</summary>
    public const string Catalog = "catalog";

    /// <summary>GET items, recommendations and profiles.</summary>
    public const string Read = "read";

    /// <summary>DELETE /v1/users/{id}, the Orleans dashboard.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Ingest, Catalog, Read, Admin];
}
