using Microsoft.AspNetCore.Http.HttpResults;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Silo.Extensions;
using Recsys.Silo.Infrastructure;
using Recsys.Silo.Options;

namespace Recsys.Silo.Apis;

internal static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/users/{userId}").WithTags("Users");
        api.MapGet("/recommendations", Recommend)
            .WithName("Recommend")
            .WithSummary("The top k items for a user in a scene")
            .WithDescription("Scene parameters left out fall back to the user's current scene (from their latest events). "
                + "category, promoted=true and repeats=false narrow the items; the model then retrieves by its user vector "
                + "from the items that pass, so a narrow filter still fills the list.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireScope(ApiScopes.Read);
        api.MapPost("/recommendations", RecommendWithBody)
            .WithName("RecommendWithBody")
            .WithSummary("The top k items for a user in a scene, asked with a JSON body")
            .WithDescription("The same request as the GET form, as a JSON object (count, at, location, device, promotionIds, "
                + "excludeItemIds, category, promotedOnly, repeats): for exclusion lists too long for a URL.")
            .Accepts<RecommendationRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .RequireScope(ApiScopes.Read);
        api.MapGet("/profile", Profile)
            .WithName("Profile")
            .WithSummary("What the service knows about a user")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireScope(ApiScopes.Read);
        api.MapDelete("/", Forget)
            .WithName("Forget")
            .WithSummary("Erase everything stored about a user")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireScope(ApiScopes.Admin);
        return app;
    }

    public static async Task<Results<Ok<RecommendationList>, ProblemHttpResult>> Recommend(
        string userId, [AsParameters] RecommendationQuery query, [AsParameters] ApiServices services)
    {
        if (Problems.ForInvalidId(userId, "userId") is { } badId)
        {
            return badId;
        }
        var (request, errors) = query.ToRequest();
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, "Fix the query parameters listed in 'errors'.");
        }
        return TypedResults.Ok(await services.Grains.GetGrain<IRecommendationGrain>(0).Recommend(userId, request));
    }

    public static async Task<Results<Ok<RecommendationList>, ProblemHttpResult>> RecommendWithBody(
        string userId, HttpRequest request, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        if (Problems.ForInvalidId(userId, "userId") is { } badId)
        {
            return badId;
        }
        var payload = await PayloadReader.ReadOne<RecommendationRequest>(request, cancellationToken);
        if (payload.Check(body => ContractValidator.Validate(body)) is { } problem)
        {
            return problem;
        }
        return TypedResults.Ok(await services.Grains.GetGrain<IRecommendationGrain>(0).Recommend(userId, payload.Values[0]));
    }

    public static async Task<Results<Ok<UserProfile>, ProblemHttpResult>> Profile(string userId, [AsParameters] ApiServices services)
    {
        if (Problems.ForInvalidId(userId, "userId") is { } badId)
        {
            return badId;
        }
        return TypedResults.Ok(await services.Grains.GetGrain<IUserGrain>(userId).Profile());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Forget(string userId, [AsParameters] ApiServices services)
    {
        if (Problems.ForInvalidId(userId, "userId") is { } badId)
        {
            return badId;
        }
        await services.Grains.GetGrain<IUserGrain>(userId).Forget();
        return TypedResults.NoContent();
    }
}
