using Microsoft.AspNetCore.Http.HttpResults;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Serving;
using Recsys.Silo.Extensions;
using Recsys.Silo.Infrastructure;
using Recsys.Silo.Options;

namespace Recsys.Silo.Apis;

/// <summary>The body of <c>POST /v1/admin/model</c>.</summary>
/// <param name="Path">A checkpoint directory from <c>recsys train</c>, as this silo sees it.</param>
public sealed record ModelLoadRequest(string Path);

internal static class ModelApi
{
    public static IEndpointRouteBuilder MapModelApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/admin/model").WithTags("Model");
        api.MapGet("/", Status)
            .WithName("ModelStatus")
            .WithSummary("The model this silo serves: version, path, device, snapshot cutoff, items and customers")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireScope(ApiScopes.Admin);
        api.MapPost("/", Load)
            .WithName("LoadModel")
            .WithSummary("Load a checkpoint and serve it from now on, without dropping a request")
            .WithDescription("The checkpoint is read beside the current model, which answers until the new one is ready. "
                + "Each silo serves its own model: send this to every silo, or set Recsys:Model:Path and restart them.")
            .Accepts<ModelLoadRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireScope(ApiScopes.Admin);
        return app;
    }

    public static Results<Ok<ModelStatus>, ProblemHttpResult> Status(ModelHost models) =>
        models.Status is { } status
            ? TypedResults.Ok(status)
            : Problems.NotFound("model", "No model is loaded: recommendations come from the non-learned mix.");

    public static async Task<Results<Ok<ModelStatus>, ProblemHttpResult>> Load(HttpRequest request, ModelHost models,
        CancellationToken cancellationToken)
    {
        var payload = await PayloadReader.ReadOne<ModelLoadRequest>(request, cancellationToken);
        if (payload.Check(body => string.IsNullOrWhiteSpace(body.Path) ? [new FieldError("path", "is required.")] : [])
            is { } problem)
        {
            return problem;
        }

        try
        {
            return TypedResults.Ok(await models.Load(payload.Values[0].Path, cancellationToken));
        }
        catch (ModelLoadException e)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "The checkpoint cannot be served",
                $"{e.Message}. The model served before still answers.", [new FieldError("path", e.Message)]);
        }
    }
}
