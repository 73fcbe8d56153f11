using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Recsys.Grains.Interfaces.Json;
using Recsys.Silo.Apis;
using Recsys.Silo.Infrastructure;
using Recsys.Silo.Security;
using Recsys.Silo.Options;

namespace Recsys.Silo.Extensions;

public static class ApiExtensions
{
    private const string OpenApiDocument = "/openapi/v1.json";

    /// <summary>Problem details for every error, the exception mapping, OpenAPI and the JSON conventions
    /// of the service (<see cref="RecsysJson"/>) for responses.</summary>
    public static IHostApplicationBuilder AddRecsysApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = GiveFrameworkErrorsOurShape);
        builder.Services.AddExceptionHandler<RecsysExceptionHandler>();
        builder.Services.Configure<JsonOptions>(o => RecsysJson.Configure(o.SerializerOptions));
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer(OpenApiSecurity.Describe));
        builder.Services.AddHealthChecks();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>The middleware and every endpoint of the silo: the API, health, Prometheus metrics and,
    /// when enabled, the Orleans dashboard.</summary>
    public static WebApplication UseRecsysApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(CountRejections);
        app.UseRecsysSecurity();
        app.MapOpenApi(OpenApiDocument);
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.SwaggerUi ?? app.Environment.IsDevelopment())
        {
            app.UseSwaggerUI(ui => ui.SwaggerEndpoint(OpenApiDocument, "Recsys v1"));
        }
        app.MapRecommendationApi();
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint(TelemetryExtensions.MetricsPath);
        var dashboard = app.Services.GetRequiredService<IOptions<DashboardSettings>>().Value;
        if (dashboard.Enabled)
        {
            app.MapOrleansDashboard(dashboard.Path).RequireScope(ApiScopes.Admin);
        }
        return app;
    }

    /// <summary>Events, items and users under /v1.</summary>
    public static IEndpointRouteBuilder MapRecommendationApi(this IEndpointRouteBuilder app) =>
        app.MapEventsApi().MapItemsApi().MapUsersApi().MapSearchApi().MapModelApi();

    /// <summary>Errors the framework writes (unknown route, method not allowed) get a detail and an
    /// errors map like ours.</summary>
    private static void GiveFrameworkErrorsOurShape(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem is HttpValidationProblemDetails)
        {
            return;
        }
        problem.Extensions.TryAdd("errors", new Dictionary<string, string[]>());
        var request = context.HttpContext.Request;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status404NotFound => $"Nothing answers {request.Method} {request.Path}; the API is described at {OpenApiDocument}.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
            _ => problem.Title,
        };
    }

    private static async Task CountRejections(HttpContext context, RequestDelegate next)
    {
        await next(context);
        var status = context.Response.StatusCode;
        // 499: the client left, which is not a refusal.
        if (status is >= StatusCodes.Status400BadRequest and < StatusCodes.Status500InternalServerError and not StatusCodes.Status499ClientClosedRequest)
        {
            context.RequestServices.GetRequiredService<SiloMetrics>().RequestRejected(status);
            context.RequestServices.GetRequiredService<ILogger<SiloMetrics>>().RequestRejected(context.Request.Method, context.Request.Path, status);
        }
    }
}
