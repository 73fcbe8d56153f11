using Microsoft.AspNetCore.Http.HttpResults;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Silo.Extensions;
using Recsys.Silo.Infrastructure;
using Recsys.Silo.Options;

namespace Recsys.Silo.Apis;

internal static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/events", TrackEvents)
            .WithTags("Events")
            .WithName("TrackEvents")
            .WithSummary("Track clickstream events")
            .WithDescription("A JSON array of events, or NDJSON (Content-Type application/x-ndjson, one event per line). "
                + "All or nothing: when any event is invalid nothing is stored and every invalid field is listed. "
                + "Re-sending events is safe: known event ids are counted as duplicates.")
            .AcceptsBatchOf<UserEvent>()
            .RequireScope(ApiScopes.Ingest);
        return app;
    }

    public static async Task<Results<Ok<TrackResult>, ProblemHttpResult>> TrackEvents(
        HttpRequest request, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        var payload = await PayloadReader.ReadBatch<UserEvent>(request, "events", services.Http.MaxBatchSize, cancellationToken);
        var now = services.Time.GetUtcNow();
        if (payload.Check(e => ContractValidator.Validate(e, now, services.Users.MaxClockSkew)) is { } problem)
        {
            return problem;
        }
        var events = payload.Values;
        var result = await services.Grains.GetGrain<IEventIngestGrain>(0).Track(events);
        services.Metrics.EventsTracked(result);
        services.Logger.EventsTracked(events.Count, result.Accepted, result.Duplicates, result.Expired, result.UnknownItems);
        return TypedResults.Ok(result);
    }
}
