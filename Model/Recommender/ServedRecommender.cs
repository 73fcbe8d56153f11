using Recsys.Grains.Interfaces;
using Recsys.Model.Evaluation;
using Recsys.Model.Ranking;
using Recsys.Model.Tensors;
using static TorchSharp.torch;

namespace Recsys.Model.Recommender;

/// <summary>A checkpoint as a live service ranks with it: the model, its <see cref="ServingSnapshot"/> prepared as
/// <c>recsys eval</c> prepares the history at a cutoff, and its content version. <see cref="Rank"/> answers a batch
/// of queries with one pass of the network; with no live baskets a query gets exactly the list the offline
/// evaluation scores for it (SEQ-REC: the model's explore weight).</summary>
public sealed class ServedRecommender : IDisposable
{
    /// <summary>Items a filtered query retrieves by dot product before ranking (as many as item-kNN proposes).</summary>
    private const int RetrievedCandidates = 100;

    private readonly TrainedRecommender model;
    private readonly SequenceRecommendMethod method;
    private readonly ServedReasons reasons;
    private readonly IReadOnlyDictionary<string, ItemInfo> catalog;
    private readonly ItemVectorIndex retrieval;

    private ServedRecommender(string version, TrainedRecommender model, SequenceRecommendMethod method,
        IReadOnlyDictionary<string, ItemInfo> catalog)
    {
        Version = version;
        this.model = model;
        this.method = method;
        this.catalog = catalog;
        reasons = new ServedReasons(method.History, catalog);
        retrieval = ItemVectorIndex.Empty(model.Config.Dimension, cosine: false)
            .With([.. method.Universe.Items.Select(item => item.Id)], method.ItemVectors());
    }

    /// <summary>The checkpoint's content hash (<see cref="RecommenderCheckpoint.ContentVersion"/>).</summary>
    public string Version { get; }

    /// <summary>The snapshot's cutoff: the model's features describe the purchases before it.</summary>
    public DateTimeOffset Cutoff => method.History.Cutoff;

    public int ItemCount => method.Universe.Count;

    /// <summary>The snapshot's catalog entries (the items bought before its cutoff).</summary>
    public IReadOnlyDictionary<string, ItemInfo> Catalog => catalog;

    public int CustomerCount => method.History.Customers.Count;

    public ComputeDevice Device => model.Device;

    /// <summary>Whether the snapshot holds purchases of the customer: without them the model has no candidates and
    /// would only list the popular items.</summary>
    public bool Knows(string customerId) => method.History.Customers.ContainsKey(customerId);

    /// <exception cref="FileNotFoundException">The directory is not a checkpoint or lacks its snapshot.</exception>
    /// <exception cref="FormatException">A file does not describe this kind of model.</exception>
    public static ServedRecommender Load(string directory, ComputeDevice device)
    {
        var version = RecommenderCheckpoint.ContentVersion(directory);
        var snapshot = ServingSnapshot.Load(directory);
        var model = RecommenderCheckpoint.Load(directory, device);
        try
        {
            return new ServedRecommender(version, model,
                model.Prepare(snapshot.Baskets, snapshot.Cutoff, snapshot.Catalog), snapshot.Catalog);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Length of the vectors of <see cref="ItemVectors"/> and <see cref="TextVectors"/>.</summary>
    public int Dimension => model.Config.Dimension;

    /// <summary>The item tower's vectors [items × <see cref="Dimension"/>], row-major, of catalog entries (distinct
    /// ids): an item the
    /// model learned keeps its id embedding, a new one gets the unknown row and lands near items with a title,
    /// category and price like its own (cold start by text).</summary>
    public float[] ItemVectors(IReadOnlyList<ItemInfo> items) =>
        Encode(items, (inputs, all) => model.Network.Items.Forward(inputs));

    /// <summary>The text tower's vectors [texts × <see cref="Dimension"/>], row-major: titles and search queries in one
    /// space, learned from what customers buy together.</summary>
    public float[] TextVectors(IReadOnlyList<string> texts) =>
        // The text tower reads titles only; the ids just keep the rows apart.
        Encode(texts.Select((text, index) => new ItemInfo { Id = $"text {index}", Title = text }).ToList(),
            (inputs, all) => model.Network.Items.Text.Encode(inputs, all));

    private float[] Encode(IReadOnlyList<ItemInfo> items, Func<ItemInputs, Tensor, Tensor> tower)
    {
        if (items.Count == 0)
        {
            return [];
        }

        // An item of the snapshot is described as the model's own table describes it (its mean price paid, not the
        // catalog's), so that its vector is the one the model ranks with.
        var universe = ItemUniverse.Of(items.Select(item => method.Universe.TryGetIndex(item.Id, out var known)
            ? method.Universe.Items[known]
            : ItemDescription.Create(item.Id, item.Title, item.Category, item.Price is { } price and > 0 ? Math.Log(price) : null)).ToList());
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var inputs = universe.ToInputs(model.Pipeline.Items, model.Tokenizer, model.Config.MaxTitleTokens, model.TorchDevice);
        return TensorValues.ToFloats(tower(inputs, arange(0L, universe.Count, device: model.TorchDevice)));
    }

    /// <summary>The lists of several queries, with one pass of the network for all of them.</summary>
    /// <exception cref="ArgumentException">A query is before <see cref="Cutoff"/>: the snapshot holds its future.
    /// </exception>
    public IReadOnlyList<IReadOnlyList<ServedItem>> Rank(IReadOnlyList<ServedQuery> queries) =>
        Rank(queries.Select(Prepare).ToList());

    /// <summary>What a query's pass of the network reads: its candidates and their features. The costly part of a
    /// request that needs no network (save a filtered query's user vector), so a server prepares each query on its
    /// caller's thread, in parallel, and batches only the passes.</summary>
    /// <exception cref="ArgumentException">The query is before <see cref="Cutoff"/>: the snapshot holds its future.
    /// </exception>
    public PreparedQuery Prepare(ServedQuery query)
    {
        if (query.Time < Cutoff)
        {
            throw new ArgumentException(
                $"a query at {query.Time:u} is before the model's snapshot ({Cutoff:u}), whose features hold its future",
                nameof(query));
        }

        var asked = new RecommendationQuery(query.CustomerId, query.Country, query.Time, Cutoff, query.Device,
            query.OnPromotion);
        if (!query.Filters)
        {
            return new PreparedQuery(query, RankingCandidates.Create(method.History, asked), null);
        }

        // A filtered query takes, from each source, its best items that pass, and adds those nearest the customer's
        // vector: a narrow filter can leave the other sources with too few items.
        var allows = Allows(query);
        var user = method.UserVectors([asked], [query.LiveBaskets]);
        var retrieved = retrieval.Nearest(user, RetrievedCandidates, id => !allows(id));
        return new PreparedQuery(query,
            RankingCandidates.Create(method.History, asked, allows, [.. retrieved.Select(match => match.ItemId)]), allows);
    }

    /// <summary>The lists of prepared queries, with one pass of the network for all of them.</summary>
    public IReadOnlyList<IReadOnlyList<ServedItem>> Rank(IReadOnlyList<PreparedQuery> queries)
    {
        var logits = Logits(queries);
        var lists = new IReadOnlyList<ServedItem>[queries.Count];
        for (var q = 0; q < queries.Count; q++)
        {
            lists[q] = List(queries[q], logits[q]);
        }

        return lists;
    }

    /// <summary>The network's pass alone: each query's candidates scored, as <see cref="Rank(IReadOnlyList{PreparedQuery})"/>
    /// ranks them.</summary>
    public float[][] Logits(IReadOnlyList<PreparedQuery> queries) =>
        method.Logits(queries.Select(query => query.Candidates).ToList(), queries.Select(query => query.Query.LiveBaskets).ToList());

    /// <summary>What the query's filters let through, its own purchases too when it refuses repeats.</summary>
    private Func<string, bool> Allows(ServedQuery query)
    {
        var filter = query.Allows ?? (_ => true);
        if (query.Repeats)
        {
            return filter;
        }

        var bought = query.LiveBaskets.SelectMany(basket => basket.ItemIds).ToHashSet(StringComparer.Ordinal);
        if (method.History.Customers.TryGetValue(query.CustomerId, out var customer))
        {
            bought.UnionWith(customer.Items.Keys.Select(method.History.Items.IdOf));
        }

        return id => !bought.Contains(id) && filter(id);
    }

    private List<ServedItem> List(PreparedQuery prepared, float[] logits)
    {
        var (query, candidates, allows) = (prepared.Query, prepared.Candidates, prepared.Allows);
        var excluded = query.ExcludedItemIds;
        // A filtered list ranks every candidate: the popular items that fill a short list need not pass the filter.
        var ranked = LearnedRankMethod.Rank(method.History, candidates, logits,
                query.Count + excluded.Count + (allows is null ? 0 : candidates.Count), model.Config.ExploreWeight)
            .Where(itemId => allows?.Invoke(itemId) != false);
        var positions = new Dictionary<string, int>(candidates.Count, StringComparer.Ordinal);
        for (var c = 0; c < candidates.Count; c++)
        {
            positions[candidates.ItemIds[c]] = c;
        }

        var list = new List<ServedItem>(query.Count);
        foreach (var itemId in ranked.Where(itemId => !excluded.Contains(itemId)).Take(query.Count))
        {
            var found = positions.TryGetValue(itemId, out var c);
            var (source, reason) = reasons.Explain(candidates.Query, itemId, found ? candidates.Sources[c] : CandidateSources.None);
            list.Add(new ServedItem(itemId, found ? 1 / (1 + Math.Exp(-logits[c])) : 0, source, reason,
                catalog.GetValueOrDefault(itemId)?.Title));
        }

        return list;
    }

    public void Dispose()
    {
        method.Dispose();
        model.Dispose();
    }
}

/// <summary>What a served model is asked: a customer in a scene at a time after its snapshot, with the baskets
/// they bought since it.</summary>
/// <param name="LiveBaskets">Chronological baskets since the snapshot's cutoff (the newest items of the user's
/// sequence).</param>
/// <param name="ExcludedItemIds">Left out of the list.</param>
/// <param name="Allows">The items the request's filters let through (category, promotion); null: every item.</param>
/// <param name="Repeats">False leaves out the customer's own items, of the snapshot and of the live baskets.</param>
public sealed record ServedQuery(string CustomerId, DateTimeOffset Time, string? Country, string? Device, bool? OnPromotion,
    IReadOnlyList<PurchasedBasket> LiveBaskets, int Count, IReadOnlySet<string> ExcludedItemIds,
    Func<string, bool>? Allows = null, bool Repeats = true)
{
    public bool Filters => Allows is not null || !Repeats;
}

/// <summary>A query with its candidates and their features (<see cref="ServedRecommender.Prepare"/>), ready for a pass
/// of the network.</summary>
/// <param name="Allows">What its filters let through; null when it has none.</param>
public sealed record PreparedQuery(ServedQuery Query, RankingCandidates Candidates, Func<string, bool>? Allows);

/// <summary>One item of a served model's list.</summary>
/// <param name="Score">The probability that the customer buys it in their next basket; 0 for an item filled in
/// from popularity.</param>
/// <param name="Title">From the snapshot's catalog.</param>
public sealed record ServedItem(string ItemId, double Score, RecommendationSource Source, string Reason, string? Title);
