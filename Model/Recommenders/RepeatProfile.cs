using System.Runtime.InteropServices;
using System.Text.Json.Serialization;
using Recsys.Model.Serialization;

namespace Recsys.Model.Recommenders;

/// <summary>A customer's own items, each scored by the sum over the baskets holding it of
/// exp(-age_days / <see cref="DecayDays"/>): the REPEAT recommender. Incremental (one call per distinct
/// item per basket, in any time order), bounded to <see cref="Capacity"/> items, and serializable as
/// JSON with a deterministic key order.</summary>
/// <remarks>Scores are stored as of <see cref="ReferenceTime"/>, the latest purchase seen, and rescaled
/// when it moves and when read, so no weight ever overflows whatever the times involved.</remarks>
[GenerateSerializer]
[Alias("recsys.RepeatProfile")]
public sealed class RepeatProfile
{
    public const int DefaultCapacity = 1000;

    /// <summary>Items kept; past it, the weakest item (lowest score, then oldest, then highest id) is
    /// evicted.</summary>
    [Id(0)]
    public int Capacity { get; set; } = DefaultCapacity;

    [Id(1)]
    public double DecayDays { get; set; } = RecencyDecay.DefaultDays;

    [Id(2)]
    public DateTimeOffset? ReferenceTime { get; set; }

    [Id(3)]
    [JsonConverter(typeof(SortedKeysJsonConverter))]
    public Dictionary<string, RepeatItem> Items { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Records a basket holding <paramref name="itemId"/>; call once per distinct item per basket.</summary>
    public void Add(string itemId, DateTimeOffset time)
    {
        if (ReferenceTime is not { } reference || time > reference)
        {
            if (ReferenceTime is { } previous)
            {
                var rescale = RecencyDecay.Weight(previous, time, DecayDays);
                foreach (var item in Items.Values)
                {
                    item.Score *= rescale;
                }
            }

            ReferenceTime = reference = time;
        }

        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(Items, itemId, out var known);
        entry ??= new RepeatItem { LastPurchase = time };
        entry.Score += RecencyDecay.Weight(time, reference, DecayDays);
        entry.Purchases++;
        if (time > entry.LastPurchase)
        {
            entry.LastPurchase = time;
        }

        if (!known && Items.Count > Capacity)
        {
            EvictWeakest();
        }
    }

    /// <summary>The decayed score of every item, seen from <paramref name="at"/>.</summary>
    public Dictionary<string, double> Scores(DateTimeOffset at)
    {
        var scores = new Dictionary<string, double>(Items.Count, StringComparer.Ordinal);
        if (ReferenceTime is not { } reference)
        {
            return scores;
        }

        var exponent = -(at - reference).TotalDays / DecayDays;
        var factor = Math.Exp(exponent);
        foreach (var (itemId, item) in Items)
        {
            // Seen from long before the reference time the factor overflows; the log domain does not.
            scores.Add(itemId, double.IsPositiveInfinity(factor)
                ? Math.Exp(Math.Log(item.Score) + exponent)
                : item.Score * factor);
        }

        return scores;
    }

    private void EvictWeakest()
    {
        var weakest = Items.MinBy(pair => pair, Comparer<KeyValuePair<string, RepeatItem>>.Create((a, b) =>
        {
            var order = a.Value.Score.CompareTo(b.Value.Score);
            if (order == 0)
            {
                order = a.Value.LastPurchase.CompareTo(b.Value.LastPurchase);
            }

            return order != 0 ? order : string.CompareOrdinal(b.Key, a.Key);
        }));
        Items.Remove(weakest.Key);
    }
}
