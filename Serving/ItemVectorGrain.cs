using Orleans.Concurrency;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Grains.Search;

namespace Recsys.Serving;

/// <summary>Semantic search and items near another, from this silo's served model and its copy of the catalog.</summary>
[StatelessWorker]
[Reentrant]
public sealed class ItemVectorGrain(ModelHost models, CatalogReplica catalog) : Grain, IItemVectorGrain
{
    public async Task<VectorMatches> Search(string query, int count)
    {
        ContractViolationException.ThrowIfAny(ContractValidator.Validate(new SearchRequest { Query = query, Count = count }));
        using var model = models.Use();
        if (model is null)
        {
            return VectorMatches.None;
        }

        var vectors = await Covering(model.Model);
        var matches = vectors.Text.Nearest(model.Model.Recommender.TextVectors([query]), count);
        return new VectorMatches { Matches = matches, ModelVersion = model.Model.Version };
    }

    public async Task<VectorMatches> Similar(string itemId, int count)
    {
        ContractViolationException.ThrowIfAny(ContractValidator.ValidateSimilar(itemId, count));
        using var model = models.Use();
        if (model is null)
        {
            return VectorMatches.None;
        }

        var vectors = await Covering(model.Model);
        var vector = vectors.Items.VectorOf(itemId);
        var matches = vector.IsEmpty ? [] : vectors.Items.Nearest(vector, count, other => other == itemId);
        return new VectorMatches { Matches = matches, ModelVersion = model.Model.Version };
    }

    /// <summary>The model's vectors, with every item this silo's catalog copy holds.</summary>
    private async Task<CatalogVectors> Covering(LoadedModel model)
    {
        await catalog.Refresh(GrainFactory);
        var vectors = model.Vectors;
        await vectors.Cover(catalog.Titles, id => GrainFactory.GetGrain<IItemGrain>(id).Vectors());
        return vectors;
    }
}
