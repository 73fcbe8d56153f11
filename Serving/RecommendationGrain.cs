using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Recommendations;
using Recsys.Grains.Search;
using Recsys.Model.Recommender;

namespace Recsys.Serving;

/// <summary>Routes a recommendation to the served model or the user's non-learned mix. Stateless and
/// reentrant: a silo's requests interleave here, so many of them can wait in the batcher at once.</summary>
[StatelessWorker]
[Reentrant]
public sealed class RecommendationGrain(ModelHost models, InferenceBatcher batcher, CatalogReplica catalog,
    IOptions<ModelServingOptions> options, ServingTelemetry telemetry) : Grain, IRecommendationGrain
{
    public const string Strategy = "sequence-model/1";

    public async Task<RecommendationList> Recommend(string userId, RecommendationRequest request)
    {
        var user = GrainFactory.GetGrain<IUserGrain>(userId);
        using var model = models.Use();
        if (model is null)
        {
            return await Mix(user, request, "no-model", "no model is loaded");
        }

        if (!model.Model.Recommender.Knows(userId))
        {
            // The mix knows the scene's popularity and the user's live events; the model would list popular items only.
            return await Mix(user, request, "unknown-user", "the model's snapshot holds no purchase of this user");
        }

        var cutoff = model.Model.Recommender.Cutoff;
        var context = await user.ModelContext(request, cutoff);
        if (context.At < cutoff)
        {
            return await Mix(user, request, "before-snapshot",
                $"the request's time is before the model's snapshot ({cutoff.ToString("u", CultureInfo.InvariantCulture)})");
        }

        if (request.Category is not null)
        {
            await catalog.Refresh(GrainFactory);
        }

        // The user grain's purchases go into the filter as well as the snapshot's: the mix would leave them out too.
        var filter = ItemFilter.For(request, catalog.Categories, () => context.PromotedItemIds ?? [],
            () => context.PurchasedItemIds ?? []);
        var query = new ServedQuery(userId, context.At, context.Scene.Location, context.Scene.Device,
            context.Scene.PromotionIds is { Count: > 0 } ? true : null,
            context.Baskets, request.Count,
            request.ExcludeItemIds.ToHashSet(StringComparer.Ordinal), filter is null ? null : filter.Allows, request.Repeats);
        var timeout = options.Value.Timeout;
        using var waiting = new CancellationTokenSource(timeout);
        IReadOnlyList<ServedItem> items;
        try
        {
            items = await batcher.Rank(model, query, waiting.Token);
        }
        catch (OperationCanceledException) when (waiting.IsCancellationRequested)
        {
            return await Mix(user, request, "timeout",
                $"inference took longer than {timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms");
        }
        catch (Exception e) when (e is not (ServiceOverloadedException or OperationCanceledException))
        {
            // The batcher logged it with its batch; the user still gets a list.
            return await Mix(user, request, "error", "the model failed on this request");
        }

        return new RecommendationList
        {
            UserId = userId,
            At = context.At,
            Scene = context.Scene,
            Items = items.Select(item => new RecommendedItem
            {
                ItemId = item.ItemId,
                Score = item.Score,
                Source = item.Source,
                Reason = item.Reason,
                Title = item.Title,
            }).ToList(),
            Strategy = Strategy,
            ModelVersion = model.Model.Version,
        };
    }

    /// <param name="kind">The reason as the fallback counter tags it.</param>
    private async Task<RecommendationList> Mix(IUserGrain user, RecommendationRequest request, string kind, string reason)
    {
        telemetry.FellBack(kind);
        return await user.Recommend(request) with { Fallback = reason };
    }
}
