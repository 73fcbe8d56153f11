using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Recsys.Silo.Infrastructure;
using Recsys.Silo.Options;
using Recsys.Silo.Security;

namespace Recsys.Silo.Extensions;

public static class SecurityExtensions
{
    private const string PerKeyRateLimit = "per-key";

    /// <summary>API keys with scopes and per-key rate limits ("Recsys:Security"), and CORS for the configured origins
    /// only. A silo listening beyond loopback with no keys refuses to start unless "Recsys:Security:AllowAnonymous".</summary>
    /// <exception cref="OptionsValidationException">A setting is invalid, or the API would be open to the network.</exception>
    public static WebApplicationBuilder AddRecsysSecurity(this WebApplicationBuilder builder)
    {
        var security = builder.AddValidatedOptions<SecurityOptions>();
        var serve = builder.ValidatedOptions<ServeOptions>();
        if (!serve.LoopbackOnly && security.ApiKeys.Count == 0 && !security.AllowAnonymous)
        {
            throw new OptionsValidationException(SecurityOptions.SectionName, typeof(SecurityOptions),
                [$"The silo would listen on every interface ({ServeOptions.SectionName}:{nameof(ServeOptions.LoopbackOnly)}=false) with no {SecurityOptions.SectionName}:{nameof(SecurityOptions.ApiKeys)}: "
                 + $"anyone who reaches it could read and erase users. Add keys (recsys keys new), listen on loopback only, or set {SecurityOptions.SectionName}:{nameof(SecurityOptions.AllowAnonymous)}=true when something in front of the silo authenticates callers."]);
        }
        var keys = new ApiKeyRegistry(security);
        builder.Services.AddSingleton(keys);
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(authorization =>
        {
            foreach (var scope in ApiScopes.All)
            {
                authorization.AddPolicy(scope, policy => policy.AddRequirements(new ScopeRequirement(scope)));
            }
        });
        builder.Services.AddSingleton<IAuthorizationHandler, ScopeRequirementHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        var http = builder.ValidatedOptions<HttpApiOptions>();
        builder.Services.AddRateLimiter(limits =>
        {
            limits.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => ApiQueue(context, http));
            limits.AddPolicy(PerKeyRateLimit, context => Partition(context, keys));
            limits.OnRejected = Reject;
        });
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
            policy.WithOrigins([.. security.CorsOrigins]).AllowAnyHeader().WithMethods("GET", "POST", "PUT", "DELETE")));
        return builder;
    }

    /// <summary>CORS, then who is calling, then whether they may, then how often.</summary>
    public static WebApplication UseRecsysSecurity(this WebApplication app)
    {
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Callers need a key with <paramref name="scope"/> (<see cref="ApiScopes"/>), within its rate limit.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder endpoints, string scope) where TBuilder : IEndpointConventionBuilder =>
        endpoints.RequireAuthorization(scope).RequireRateLimiting(PerKeyRateLimit);

    private static RateLimitPartition<string> Partition(HttpContext context, ApiKeyRegistry keys) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name } && keys.Named(name) is { RequestsPerSecond: > 0 } key
            ? RateLimitPartition.GetTokenBucketLimiter(name, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = key.RequestsPerSecond,
                TokensPerPeriod = key.RequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter("");

    /// <summary>One queue for all API requests ("Recsys:Http:MaxConcurrentRequests", "MaxQueuedRequests"), so that
    /// overload is refused at once; probes and scrapes pass by it.</summary>
    private static RateLimitPartition<string> ApiQueue(HttpContext context, HttpApiOptions http) =>
        context.Request.Path.StartsWithSegments("/v1")
            ? RateLimitPartition.GetConcurrencyLimiter("api", _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = http.MaxConcurrentRequests,
                QueueLimit = http.MaxQueuedRequests,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            })
            : RateLimitPartition.GetNoLimiter("");

    /// <summary>A key past its rate (its token bucket says when to retry) gets 429; a full queue, 503.</summary>
    private static async ValueTask Reject(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Problems.Create(StatusCodes.Status429TooManyRequests, "Too many requests",
                $"The key '{context.User.Identity?.Name}' is past its requests per second; retry after {seconds} s.", []).ExecuteAsync(context);
        }
        else
        {
            context.Response.Headers.RetryAfter = "1";
            await Problems.Create(StatusCodes.Status503ServiceUnavailable, "The silo is overloaded",
                "Every place in the request queue is taken; retry after 1 s.", []).ExecuteAsync(context);
        }
    }
}
