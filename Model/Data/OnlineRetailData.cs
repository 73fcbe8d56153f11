using Recsys.Grains.Interfaces;

namespace Recsys.Model.Data;

/// <summary>The cleaned Online Retail data: baskets, a catalog of the kept items, and what was skipped.</summary>
public sealed record OnlineRetailData
{
    /// <summary>Chronological (see <see cref="Basket.Chronological"/>).</summary>
    public required IReadOnlyList<Basket> Baskets { get; init; }

    /// <summary>One entry per kept stock code, ordered by id.</summary>
    public required IReadOnlyList<ItemInfo> Catalog { get; init; }

    public required ImportStats Stats { get; init; }

    /// <summary>The first <see cref="OnlineRetailReader.MaxIssuesListed"/> skipped rows;
    /// <see cref="ImportStats.BadRows"/> counts them all.</summary>
    public required IReadOnlyList<ImportIssue> Issues { get; init; }
}
