namespace Recsys.Model.Recommenders;

/// <summary>One basket a <see cref="RecentBaskets"/> keeps: its distinct items in order of arrival.</summary>
public sealed class RecentBasket
{
    public required string Id { get; set; }

    /// <summary>The time of the basket's first item.</summary>
    public required DateTimeOffset Time { get; set; }

    /// <summary>Order of arrival: breaks ties between baskets of the same time.</summary>
    public long Sequence { get; set; }

    public List<string> Items { get; set; } = [];
}
