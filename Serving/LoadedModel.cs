using Recsys.Model.Recommender;

namespace Recsys.Serving;

/// <summary>A model the host has loaded, counted by its users: the host holds one reference while the model is
/// current and every request in flight holds one through a <see cref="ModelUse"/>, so a swapped-out model is freed
/// by whoever lets go of it last and no request loses the model it started with.</summary>
public sealed class LoadedModel
{
    private int references = 1;

    /// <summary>Encodes the snapshot's catalog (about a second for a few thousand items), so that no search waits for
    /// it and a failure fails the load rather than every search.</summary>
    internal LoadedModel(ServedRecommender recommender, string path, DateTimeOffset loadedAt)
    {
        Recommender = recommender;
        Path = path;
        LoadedAt = loadedAt;
        Vectors = new CatalogVectors(recommender);
    }

    public ServedRecommender Recommender { get; }

    public string Path { get; }

    public DateTimeOffset LoadedAt { get; }

    public string Version => Recommender.Version;

    /// <summary>This model's vectors of the catalog (search, similar items).</summary>
    public CatalogVectors Vectors { get; }

    /// <summary>A new reference, unless the model has already been freed.</summary>
    internal ModelUse? TryUse()
    {
        for (var seen = Volatile.Read(ref references); seen > 0; seen = Volatile.Read(ref references))
        {
            if (Interlocked.CompareExchange(ref references, seen + 1, seen) == seen)
            {
                return new ModelUse(this);
            }
        }

        return null;
    }

    internal void Release()
    {
        if (Interlocked.Decrement(ref references) == 0)
        {
            Recommender.Dispose();
        }
    }
}

/// <summary>One holder's reference to a <see cref="LoadedModel"/>; disposing it lets go, once.</summary>
public sealed class ModelUse(LoadedModel model) : IDisposable
{
    private int released;

    public LoadedModel Model => model;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            model.Release();
        }
    }
}
