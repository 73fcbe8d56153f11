namespace Recsys.Model.Recommenders;

/// <summary>One basket a <see cref="RecentBaskets"/> keeps: its distinct items in order of arrival.</summary>
[GenerateSerializer]
[Alias("recsys.RecentBasket")]
public sealed class RecentBasket
{
    [Id(0)]
    public required string Id { get; set; }

    /// <summary>The time of the basket's first item.</summary>
    [Id(1)]
    public required DateTimeOffset Time { get; set; }

    /// <summary>Order of arrival: breaks ties between baskets of the same time.</summary>
    [Id(2)]
    public long Sequence { get; set; }

    [Id(3)]
    public List<string> Items { get; set; } = [];
}
