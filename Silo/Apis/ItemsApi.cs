using Microsoft.AspNetCore.Http.HttpResults;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Silo.Extensions;
using Recsys.Silo.Infrastructure;
using Recsys.Silo.Options;

namespace Recsys.Silo.Apis;

/// <summary>The answer to a bulk upsert.</summary>
public sealed record ItemsUpserted(int Upserted);

internal static class ItemsApi
{
    public static IEndpointRouteBuilder MapItemsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/items").WithTags("Items");
        api.MapPut("/{itemId}", UpsertItem)
            .WithName("UpsertItem")
            .WithSummary("Create or replace one catalog item")
            .WithDescription("The body's id may be left out; when given it must equal the id in the URL.")
            .Accepts<ItemInfo>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireScope(ApiScopes.Catalog);
        api.MapPost("/", UpsertItems)
            .WithName("UpsertItems")
            .WithSummary("Create or replace catalog items in bulk")
            .WithDescription("A JSON array of items, or NDJSON (one item per line). All or nothing, like events.")
            .AcceptsBatchOf<ItemInfo>()
            .RequireScope(ApiScopes.Catalog);
        api.MapGet("/{itemId}", GetItem)
            .WithName("GetItem")
            .WithSummary("An item's catalog entry and decayed popularity")
            .WithDescription("404 when the item was neither upserted nor seen in events.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireScope(ApiScopes.Read);
        return app;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UpsertItem(
        string itemId, HttpRequest request, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        if (Problems.ForInvalidId(itemId, "itemId") is { } badId)
        {
            return badId;
        }
        var payload = await PayloadReader.ReadOne<ItemInfo>(request, cancellationToken, "id");
        var problem = payload.Check(item =>
        {
            var errors = ContractValidator.Validate(item with { Id = itemId });
            if (item.Id is not null && item.Id != itemId)
            {
                errors.Add(new("id", $"must equal the id in the URL ('{itemId}') or be left out."));
            }
            return errors;
        });
        if (problem is not null)
        {
            return problem;
        }
        await services.Grains.GetGrain<IItemGrain>(itemId).Upsert(payload.Values[0] with { Id = itemId });
        services.Metrics.ItemsUpserted(1);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ItemsUpserted>, ProblemHttpResult>> UpsertItems(
        HttpRequest request, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        var payload = await PayloadReader.ReadBatch<ItemInfo>(request, "items", services.Http.MaxBatchSize, cancellationToken);
        if (payload.Check(item => ContractValidator.Validate(item)) is { } problem)
        {
            return problem;
        }
        var items = payload.Values;
        await Task.WhenAll(items.Select(item => services.Grains.GetGrain<IItemGrain>(item.Id).Upsert(item)));
        services.Metrics.ItemsUpserted(items.Count);
        return TypedResults.Ok(new ItemsUpserted(items.Count));
    }

    public static async Task<Results<Ok<ItemSnapshot>, ProblemHttpResult>> GetItem(string itemId, [AsParameters] ApiServices services)
    {
        if (Problems.ForInvalidId(itemId, "itemId") is { } badId)
        {
            return badId;
        }
        var snapshot = await services.Grains.GetGrain<IItemGrain>(itemId).Info();
        return snapshot.Exists
            ? TypedResults.Ok(snapshot)
            : Problems.NotFound("itemId", $"No item '{itemId}' was upserted or seen in events.");
    }
}
