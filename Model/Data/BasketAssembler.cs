using System.Runtime.InteropServices;

namespace Recsys.Model.Data;

/// <summary>Groups purchase rows into baskets: rows of one basket id and item merge into one line
/// (quantities summed, first unit price kept); a basket takes its time, customer and country from its
/// first row.</summary>
public sealed class BasketAssembler
{
    private readonly Dictionary<string, PendingBasket> baskets = new(StringComparer.Ordinal);

    public int BasketCount => baskets.Count;

    /// <summary>Distinct (basket, item) pairs so far.</summary>
    public int LineCount { get; private set; }

    /// <param name="device">The device class, as <paramref name="country"/> taken from the basket's first row.</param>
    /// <param name="onPromotion">Whether a promotion was active, from the basket's first row.</param>
    public void Add(string basketId, DateTimeOffset time, string customerId, string? country,
        string itemId, int quantity, double? unitPrice, string? device = null, bool? onPromotion = null)
    {
        ref var basket = ref CollectionsMarshal.GetValueRefOrAddDefault(baskets, basketId, out var exists);
        if (!exists)
        {
            basket = new PendingBasket(basketId, time, customerId, country, device, onPromotion, baskets.Count - 1);
        }

        if (basket!.Add(itemId, quantity, unitPrice))
        {
            LineCount++;
        }
    }

    /// <summary>All baskets, chronological (see <see cref="Basket.Chronological"/>).</summary>
    public List<Basket> Build()
    {
        var result = baskets.Values.Select(pending => pending.ToBasket()).ToList();
        result.Sort(Basket.Chronological);
        return result;
    }

    private sealed class PendingBasket(string id, DateTimeOffset time, string customerId, string? country,
        string? device, bool? onPromotion, int sequence)
    {
        private readonly List<BasketLine> lines = [];
        private readonly Dictionary<string, int> lineIndex = new(StringComparer.Ordinal);

        /// <returns>True when the item is new to the basket.</returns>
        public bool Add(string itemId, int quantity, double? unitPrice)
        {
            if (lineIndex.TryGetValue(itemId, out var index))
            {
                lines[index] = lines[index] with { Quantity = lines[index].Quantity + quantity };
                return false;
            }

            lineIndex.Add(itemId, lines.Count);
            lines.Add(new BasketLine(itemId, quantity, unitPrice));
            return true;
        }

        public Basket ToBasket() => new()
        {
            Id = id,
            Time = time,
            CustomerId = customerId,
            Country = country,
            Device = device,
            OnPromotion = onPromotion,
            Sequence = sequence,
            Lines = lines,
        };
    }
}
