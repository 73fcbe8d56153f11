using System.Numerics.Tensors;
using Recsys.Grains.Interfaces;

namespace Recsys.Model.Recommender;

/// <summary>Item vectors searched by a SIMD dot product per row with a bounded heap for the top N: by cosine (vectors
/// and query scaled to unit length: search, similar items) or by the raw dot product (a two-tower model's retrieval
/// score). Immutable: <see cref="With"/> makes a new index, so readers never lock. A few thousand items of 16 to 64
/// numbers take well under a millisecond to scan, which is why every silo keeps its own copy (see README).</summary>
public sealed class ItemVectorIndex
{
    private readonly string[] ids;
    private readonly float[] vectors;
    private readonly Dictionary<string, int> rows;

    private ItemVectorIndex(string[] ids, float[] vectors, int dimension, bool cosine)
    {
        this.ids = ids;
        this.vectors = vectors;
        Dimension = dimension;
        Cosine = cosine;
        rows = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var row = 0; row < ids.Length; row++)
        {
            rows[ids[row]] = row;
        }
    }

    /// <param name="cosine">Scores by cosine; false: by the dot product of the vectors as given.</param>
    public static ItemVectorIndex Empty(int dimension, bool cosine = true) => new([], [], dimension, cosine);

    public int Dimension { get; }

    public bool Cosine { get; }

    public int Count => ids.Length;

    public bool Contains(string itemId) => rows.ContainsKey(itemId);

    /// <summary>This index with <paramref name="added"/> (row-major [ids × <see cref="Dimension"/>]) in it, replacing
    /// the vectors of ids it has.</summary>
    public ItemVectorIndex With(IReadOnlyList<string> addedIds, ReadOnlySpan<float> added)
    {
        if (added.Length != addedIds.Count * Dimension)
        {
            throw new ArgumentException($"{addedIds.Count} ids need {addedIds.Count * Dimension} numbers, not {added.Length}", nameof(added));
        }

        var replaced = addedIds.ToHashSet(StringComparer.Ordinal);
        var kept = Enumerable.Range(0, ids.Length).Where(row => !replaced.Contains(ids[row])).ToList();
        var newIds = new string[kept.Count + addedIds.Count];
        var newVectors = new float[newIds.Length * Dimension];
        for (var i = 0; i < kept.Count; i++)
        {
            newIds[i] = ids[kept[i]];
            vectors.AsSpan(kept[i] * Dimension, Dimension).CopyTo(newVectors.AsSpan(i * Dimension, Dimension));
        }

        for (var i = 0; i < addedIds.Count; i++)
        {
            var row = kept.Count + i;
            newIds[row] = addedIds[i];
            Scale(added.Slice(i * Dimension, Dimension), newVectors.AsSpan(row * Dimension, Dimension));
        }

        return new ItemVectorIndex(newIds, newVectors, Dimension, Cosine);
    }

    /// <summary>The vector of an item as the index scores it (unit length by cosine); empty when the index lacks it.</summary>
    public ReadOnlySpan<float> VectorOf(string itemId) =>
        rows.TryGetValue(itemId, out var row) ? vectors.AsSpan(row * Dimension, Dimension) : [];

    /// <summary>The <paramref name="count"/> items closest to <paramref name="query"/>, best first (ties by id), leaving
    /// out those <paramref name="exclude"/> names.</summary>
    public IReadOnlyList<VectorMatch> Nearest(ReadOnlySpan<float> query, int count, Func<string, bool>? exclude = null)
    {
        if (query.Length != Dimension)
        {
            throw new ArgumentException($"a query of {query.Length} numbers for {Dimension}-d vectors", nameof(query));
        }

        Span<float> scaled = stackalloc float[Dimension];
        Scale(query, scaled);
        var best = new PriorityQueue<int, (float Score, string Id)>(count + 1, WorstFirst.Instance);
        for (var row = 0; row < ids.Length && count > 0; row++)
        {
            if (exclude?.Invoke(ids[row]) == true)
            {
                continue;
            }

            var score = TensorPrimitives.Dot(vectors.AsSpan(row * Dimension, Dimension), scaled);
            best.Enqueue(row, (score, ids[row]));
            if (best.Count > count)
            {
                best.Dequeue();
            }
        }

        var matches = new VectorMatch[best.Count];
        for (var i = matches.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out var row, out var key);
            matches[i] = new VectorMatch { ItemId = ids[row], Score = key.Score };
        }

        return matches;
    }

    /// <summary>To unit length by cosine (zeros for a vector without a finite length); as it is otherwise.</summary>
    private void Scale(ReadOnlySpan<float> vector, Span<float> unit)
    {
        if (!Cosine)
        {
            vector.CopyTo(unit);
            return;
        }

        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0 && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(vector, norm, unit);
        }
        else
        {
            unit.Clear();
        }
    }

    /// <summary>The heap's root is the match to drop first: the lowest score, then the largest id.</summary>
    private sealed class WorstFirst : IComparer<(float Score, string Id)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Score, string Id) x, (float Score, string Id) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(y.Id, x.Id);
        }
    }
}
