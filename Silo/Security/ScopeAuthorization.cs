using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Recsys.Silo.Infrastructure;

namespace Recsys.Silo.Security;

/// <summary>The caller's key must carry <paramref name="Scope"/>; with no keys configured every caller may.</summary>
internal sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

internal sealed class ScopeRequirementHandler(ApiKeyRegistry keys) : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (keys.IsOpen || context.User.HasClaim(ApiKeyAuthenticationHandler.ScopeClaim, requirement.Scope))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>Refusals as problem+json, like every other error: 401 for a missing or unknown key (with
/// WWW-Authenticate), 403 naming the scope the key lacks.</summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            var failure = ApiKeyAuthenticationHandler.Presented(context.Request) is null ? "This request carries no API key." : ApiKeyAuthenticationHandler.UnknownKey;
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"recsys\", {ApiKeyAuthenticationHandler.HeaderName}";
            await Problems.Create(StatusCodes.Status401Unauthorized, "An API key is required",
                failure + $" Send one as {ApiKeyAuthenticationHandler.HeaderName} or Authorization: Bearer.", []).ExecuteAsync(context);
        }
        else if (authorizeResult.Forbidden)
        {
            var scopes = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().Select(r => r.Scope) ?? [];
            await Problems.Create(StatusCodes.Status403Forbidden, "The API key may not do this",
                $"The key '{context.User.Identity?.Name}' lacks the scope {string.Join(", ", scopes)} this endpoint needs.", []).ExecuteAsync(context);
        }
        else
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
