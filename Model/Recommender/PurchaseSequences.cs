using Recsys.Grains.Interfaces;
using Recsys.Model.Data;
using Recsys.Model.Evaluation;
using static TorchSharp.torch;

namespace Recsys.Model.Recommender;

/// <summary>Every customer's purchases in time order, as <see cref="ItemUniverse"/> indices, from which the
/// sequence of a query is cut: the latest L items bought before the query's cutoff.</summary>
public sealed class PurchaseSequences
{
    private readonly Dictionary<string, CustomerPurchases> customers;

    private readonly ItemUniverse universe;

    private PurchaseSequences(Dictionary<string, CustomerPurchases> customers, ItemUniverse universe)
    {
        this.customers = customers;
        this.universe = universe;
    }

    /// <param name="baskets">Chronological; items missing from <paramref name="universe"/> are left out.</param>
    public static PurchaseSequences Of(IEnumerable<Basket> baskets, ItemUniverse universe)
    {
        var pending = new Dictionary<string, (List<DateTimeOffset> Times, List<int[]> Items)>(StringComparer.Ordinal);
        foreach (var basket in baskets)
        {
            if (!pending.TryGetValue(basket.CustomerId, out var customer))
            {
                pending[basket.CustomerId] = customer = ([], []);
            }

            customer.Times.Add(basket.Time);
            customer.Items.Add(basket.Lines
                .Select(line => universe.TryGetIndex(line.ItemId, out var index) ? index : -1)
                .Where(index => index >= 0)
                .ToArray());
        }

        return new PurchaseSequences(
            pending.ToDictionary(pair => pair.Key,
                pair => new CustomerPurchases([.. pair.Value.Times], [.. pair.Value.Items]), StringComparer.Ordinal),
            universe);
    }

    /// <summary>Query q's row: the latest <paramref name="length"/> items its customer bought before its cutoff
    /// (a basket's items in basket order), right-aligned, with the gap of each to the query's time.</summary>
    /// <param name="live">Per query, baskets bought since the cutoff that these sequences do not hold (a served
    /// model's live purchases), chronological: they are the newest items of the row. Items outside the universe
    /// and baskets after the query's time are left out.</param>
    public SequenceInputs ToInputs(IReadOnlyList<RecommendationQuery> queries, SceneVocabulary scenes, int length,
        Device device, IReadOnlyList<IReadOnlyList<PurchasedBasket>>? live = null)
    {
        var items = new long[queries.Count * length];
        var gaps = new long[items.Length];
        var keep = new bool[items.Length];
        var sceneRows = new long[queries.Count * SceneEmbedding.Columns];
        var seasonRows = new float[queries.Count * SceneEmbedding.SeasonColumns];
        Array.Fill(items, (long)universe.PaddingIndex);
        for (var q = 0; q < queries.Count; q++)
        {
            var scene = scenes.Encode(queries[q]);
            SceneEmbedding.Rows(scene).CopyTo(sceneRows, q * SceneEmbedding.Columns);
            SceneEmbedding.SeasonRow(scene).CopyTo(seasonRows, q * SceneEmbedding.SeasonColumns);
            var rowItems = items.AsSpan(q * length, length);
            var rowGaps = gaps.AsSpan(q * length, length);
            var rowKeep = keep.AsSpan(q * length, length);
            var position = FillLive(queries[q], live?[q] ?? [], rowItems, rowGaps, rowKeep);
            if (customers.TryGetValue(queries[q].CustomerId, out var customer))
            {
                customer.Fill(queries[q], rowItems[..position], rowGaps[..position], rowKeep[..position]);
            }
        }

        return new SequenceInputs(tensor(items, [queries.Count, length], device: device),
            tensor(gaps, [queries.Count, length], device: device), tensor(keep, [queries.Count, length], device: device),
            tensor(sceneRows, [queries.Count, SceneEmbedding.Columns], device: device),
            tensor(seasonRows, [queries.Count, SceneEmbedding.SeasonColumns], device: device));
    }

    /// <returns>How many positions at the front of the row are left for older purchases.</returns>
    private int FillLive(RecommendationQuery query, IReadOnlyList<PurchasedBasket> baskets, Span<long> items, Span<long> gaps,
        Span<bool> keep)
    {
        var position = items.Length;
        for (var basket = baskets.Count - 1; basket >= 0 && position > 0; basket--)
        {
            if (baskets[basket].Time > query.Time)
            {
                continue;
            }

            var gap = TimeGapBuckets.Of((query.Time - baskets[basket].Time).TotalDays);
            var basketItems = baskets[basket].ItemIds;
            for (var i = basketItems.Count - 1; i >= 0 && position > 0; i--)
            {
                if (universe.TryGetIndex(basketItems[i], out var index))
                {
                    position--;
                    items[position] = index;
                    gaps[position] = gap;
                    keep[position] = true;
                }
            }
        }

        return position;
    }

    /// <summary>The items of the customer's first basket at or after the query's cutoff: the basket a training
    /// case predicts. Empty when there is none.</summary>
    public IReadOnlyList<int> NextBasket(RecommendationQuery query) =>
        customers.TryGetValue(query.CustomerId, out var customer) ? customer.NextBasket(query.Cutoff) : [];

    /// <param name="Times">Chronological basket times.</param>
    /// <param name="Items">The universe indices of each basket's items.</param>
    private sealed record CustomerPurchases(DateTimeOffset[] Times, int[][] Items)
    {
        public IReadOnlyList<int> NextBasket(DateTimeOffset cutoff) =>
            FirstAtOrAfter(cutoff) is var next && next < Times.Length ? Items[next] : [];

        public void Fill(RecommendationQuery query, Span<long> items, Span<long> gaps, Span<bool> keep)
        {
            // Baskets at or after the cutoff are the future: the first of them is the one being predicted.
            var basket = FirstAtOrAfter(query.Cutoff);
            var position = items.Length;
            while (--basket >= 0 && position > 0)
            {
                var gap = TimeGapBuckets.Of((query.Time - Times[basket]).TotalDays);
                var basketItems = Items[basket];
                for (var i = basketItems.Length - 1; i >= 0 && position > 0; i--)
                {
                    position--;
                    items[position] = basketItems[i];
                    gaps[position] = gap;
                    keep[position] = true;
                }
            }
        }

        /// <summary>The position of the first basket at or after <paramref name="time"/>; the basket count when
        /// there is none.</summary>
        private int FirstAtOrAfter(DateTimeOffset time)
        {
            var found = Array.BinarySearch(Times, time);
            if (found < 0)
            {
                return ~found;
            }

            // Several baskets can share a time; the search finds any of them.
            while (found > 0 && Times[found - 1] == time)
            {
                found--;
            }

            return found;
        }
    }
}
