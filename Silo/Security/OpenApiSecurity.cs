using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Recsys.Silo.Security;

/// <summary>The OpenAPI document declares how to authenticate and names no server: the generated server entry would
/// echo the request's Host header, which a caller controls.</summary>
internal static class OpenApiSecurity
{
    public static Task Describe(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Servers?.Clear();
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "An API key (recsys keys new); Authorization: Bearer KEY works too. Keys carry scopes: ingest, catalog, read, admin.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [] }];
        return Task.CompletedTask;
    }
}
