namespace Recsys.Model.Ranking;

/// <summary>For each item, its most similar items (similarity desc, then item number), on dense item numbers.</summary>
internal sealed class ItemNeighbourhood
{
    private readonly int[][] neighbours;
    private readonly float[][] similarities;

    /// <param name="similaritiesOf">Adds the similarities of an item with the others into a dense array of
    /// zeros, listing in <c>touched</c> the items whose entry it changed (duplicates allowed).</param>
    public ItemNeighbourhood(int itemCount, int neighbourCount, Action<int, float[], List<int>> similaritiesOf)
    {
        neighbours = new int[itemCount][];
        similarities = new float[itemCount][];
        var scratch = new float[itemCount];
        var touched = new List<int>();
        var listed = new bool[itemCount];
        for (var item = 0; item < itemCount; item++)
        {
            similaritiesOf(item, scratch, touched);
            var candidates = new List<(int Item, float Similarity)>();
            foreach (var other in touched)
            {
                if (!listed[other] && other != item && scratch[other] > 0)
                {
                    candidates.Add((other, scratch[other]));
                }

                listed[other] = true;
            }

            candidates.Sort((a, b) =>
            {
                var order = b.Similarity.CompareTo(a.Similarity);
                return order != 0 ? order : a.Item.CompareTo(b.Item);
            });
            var kept = candidates.Take(neighbourCount).ToArray();
            neighbours[item] = Array.ConvertAll(kept, neighbour => neighbour.Item);
            similarities[item] = Array.ConvertAll(kept, neighbour => neighbour.Similarity);
            foreach (var other in touched)
            {
                scratch[other] = 0;
                listed[other] = false;
            }

            touched.Clear();
        }
    }

    public ReadOnlySpan<int> NeighboursOf(int item) => neighbours[item];

    /// <summary>Aligned with <see cref="NeighboursOf"/>, descending.</summary>
    public ReadOnlySpan<float> SimilaritiesOf(int item) => similarities[item];

    /// <summary>Neighbours by basket co-occurrence: cosine co(i, j) / sqrt(n_i n_j), n_i the baskets holding
    /// i (the ITEMKNN similarity).</summary>
    /// <param name="baskets">Each basket's distinct item numbers, all below <paramref name="itemCount"/>.</param>
    public static ItemNeighbourhood ByCooccurrence(IReadOnlyList<int[]> baskets, int itemCount, int neighbourCount)
    {
        var basketsOfItem = new List<int>[itemCount];
        for (var item = 0; item < itemCount; item++)
        {
            basketsOfItem[item] = [];
        }

        for (var basket = 0; basket < baskets.Count; basket++)
        {
            foreach (var item in baskets[basket])
            {
                basketsOfItem[item].Add(basket);
            }
        }

        // One dense row of counts at a time: Σ |b|² increments in total, no per-pair dictionary.
        return new ItemNeighbourhood(itemCount, neighbourCount, (item, similarities, touched) =>
        {
            foreach (var basket in basketsOfItem[item])
            {
                foreach (var other in baskets[basket])
                {
                    if (similarities[other]++ == 0)
                    {
                        touched.Add(other);
                    }
                }
            }

            // Counts become cosines once all are in; touched holds each item once here.
            foreach (var other in touched)
            {
                similarities[other] /= (float)Math.Sqrt((double)basketsOfItem[item].Count * basketsOfItem[other].Count);
            }
        });
    }
}
