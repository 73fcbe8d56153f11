using Recsys.Model.Data;

namespace Recsys.Model.Tests.Ranking;

/// <summary>Hand-made baskets around a cutoff (a midnight), each line (item, quantity, price).</summary>
internal sealed class Timeline
{
    private readonly List<Basket> baskets = [];

    public static DateTimeOffset Cutoff { get; } = new(2011, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<Basket> Baskets => baskets;

    /// <summary>A moment <paramref name="days"/> after the cutoff (negative: before) at
    /// <paramref name="hour"/> o'clock.</summary>
    public static DateTimeOffset At(int days, int hour = 0) => Cutoff.AddDays(days).AddHours(hour);

    public Timeline Add(string customerId, DateTimeOffset time,
        params (string Item, int Quantity, double Price)[] lines) =>
        Add(customerId, "United Kingdom", time, lines);

    public Timeline Add(string customerId, string country, DateTimeOffset time,
        params (string Item, int Quantity, double Price)[] lines)
    {
        baskets.Add(new Basket
        {
            Id = $"b{baskets.Count}",
            Time = time,
            CustomerId = customerId,
            Country = country,
            Sequence = baskets.Count,
            Lines = [.. lines.Select(line => new BasketLine(line.Item, line.Quantity, line.Price))],
        });
        return this;
    }

    /// <summary>Adds one basket of the given items, quantity 1 and price 1 each.</summary>
    public Timeline Add(string customerId, DateTimeOffset time, params string[] items) =>
        Add(customerId, time, [.. items.Select(item => (item, 1, 1.0))]);
}
