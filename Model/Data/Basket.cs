namespace Recsys.Model.Data;

/// <summary>One order (an invoice): who bought which distinct items, when and where. Time, customer
/// and country come from the basket's first row.</summary>
public sealed record Basket
{
    public required string Id { get; init; }

    /// <summary>UTC; see <see cref="OnlineRetailReader"/> for how the data's local times are read.</summary>
    public required DateTimeOffset Time { get; init; }

    public required string CustomerId { get; init; }

    public string? Country { get; init; }

    /// <summary>Device class of the order ("mobile", "desktop", ...) when the source says; Online Retail does not.
    /// </summary>
    public string? Device { get; init; }

    /// <summary>Whether a promotion was active for the customer, when the source says.</summary>
    public bool? OnPromotion { get; init; }

    /// <summary>Order of first appearance in the input: breaks ties between baskets of the same time.</summary>
    public required int Sequence { get; init; }

    /// <summary>Distinct items, in order of first appearance.</summary>
    public required IReadOnlyList<BasketLine> Lines { get; init; }

    /// <summary>Chronological order: time, then order of appearance.</summary>
    public static Comparison<Basket> Chronological { get; } = (a, b) =>
    {
        var byTime = a.Time.CompareTo(b.Time);
        return byTime != 0 ? byTime : a.Sequence.CompareTo(b.Sequence);
    };
}
