using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Silo.Extensions;
using Recsys.Silo.Infrastructure;
using Recsys.Silo.Options;

namespace Recsys.Silo.Apis;

/// <summary>The query string of a search. Values are parsed here so that a bad one is reported by parameter name.</summary>
internal sealed class SearchQueryString
{
    /// <summary>The words to look for (1 to 256 characters).</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    /// <summary>How many items (1 to 100, default 10).</summary>
    [FromQuery(Name = "k")]
    public string? K { get; init; }

    /// <summary>Re-rank for this user: items they bought, bought with, or viewed come first among good matches.</summary>
    [FromQuery(Name = "userId")]
    public string? UserId { get; init; }

    /// <summary>Match misspelt words too: true (default) or false.</summary>
    [FromQuery(Name = "typos")]
    public string? Typos { get; init; }

    /// <summary>The moment the user's purchases and views are weighed from, ISO-8601 with an offset. Default: now.</summary>
    [FromQuery(Name = "at")]
    public string? At { get; init; }

    /// <summary>keyword (default), hybrid (keyword and, with a served model, semantic matches) or semantic.</summary>
    [FromQuery(Name = "mode")]
    public string? Mode { get; init; }

    public (SearchRequest Request, List<FieldError> Errors) ToRequest()
    {
        List<FieldError> errors = [];
        SearchMode? mode = Mode?.ToLowerInvariant() switch
        {
            null or "" or "keyword" => SearchMode.Keyword,
            "hybrid" => SearchMode.Hybrid,
            "semantic" => SearchMode.Semantic,
            _ => null,
        };
        if (mode is null)
        {
            errors.Add(new("mode", "must be hybrid, keyword or semantic."));
        }
        var count = RecommendationQuery.ParseCount(K, SearchRequest.DefaultCount, SearchRequest.MaxCount, errors);
        var typos = true;
        if (!string.IsNullOrEmpty(Typos) && !bool.TryParse(Typos, out typos))
        {
            errors.Add(new("typos", "must be true or false."));
        }
        var at = RecommendationQuery.ParseAt(At, errors);
        var request = new SearchRequest { Query = Q ?? "", Count = count, UserId = string.IsNullOrEmpty(UserId) ? null : UserId, TypoTolerant = typos, At = at, Mode = mode ?? SearchMode.Keyword };
        RecommendationQuery.AddUnreported(errors, ContractValidator.Validate(request));
        return (request, errors);
    }
}

internal static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/search", Search)
            .WithTags("Search")
            .WithName("Search")
            .WithSummary("Catalog items matching words, optionally re-ranked for a user")
            .WithDescription("BM25 over titles (descriptions and categories count less), words matched by their English stem "
                + "and, unless typos=false, misspelt words within one edit (two from seven letters). With a served model, "
                + "mode=hybrid fuses these with the items whose titles the model's text vectors put closest to the "
                + "query (mode=semantic: those alone; mode=keyword, the default: BM25 alone). With userId, the best matches are re-ranked by "
                + "the user's own purchases, baskets and views.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireScope(ApiScopes.Read);
        app.MapGet("/v1/items/{itemId}/similar", Similar)
            .WithTags("Items")
            .WithName("SimilarItems")
            .WithSummary("Items often bought with an item, then the served model's nearest item vectors, then items with similar titles")
            .WithDescription("404 when the item was neither upserted nor seen in events.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireScope(ApiScopes.Read);
        return app;
    }

    public static async Task<Results<Ok<SearchResults>, ProblemHttpResult>> Search(
        [AsParameters] SearchQueryString query, [AsParameters] ApiServices services)
    {
        var (request, errors) = query.ToRequest();
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, "Fix the query parameters listed in 'errors'.");
        }
        return TypedResults.Ok(await services.Grains.GetGrain<ISearchGrain>(0).Search(request));
    }

    public static async Task<Results<Ok<SimilarItems>, ProblemHttpResult>> Similar(
        string itemId, [FromQuery(Name = "k")] string? k, [AsParameters] ApiServices services)
    {
        List<FieldError> errors = [];
        var count = RecommendationQuery.ParseCount(k, SearchRequest.DefaultCount, SearchRequest.MaxCount, errors);
        RecommendationQuery.AddUnreported(errors, ContractValidator.ValidateSimilar(itemId, count));
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, "Fix the parameters listed in 'errors'.");
        }
        var similar = await services.Grains.GetGrain<ISearchGrain>(0).Similar(itemId, count);
        if (!similar.Known)
        {
            return Problems.NotFound("itemId", $"No item '{itemId}' was upserted or seen in events.");
        }
        return TypedResults.Ok(similar);
    }
}
