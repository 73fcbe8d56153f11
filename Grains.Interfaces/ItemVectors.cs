namespace Recsys.Grains.Interfaces;

/// <summary>What a served model makes of one catalog entry: the item tower's vector (similar items, retrieval) and the
/// text tower's vector of its title (semantic search), both of <see cref="ModelVersion"/>.</summary>
[GenerateSerializer]
[Alias("recsys.ItemVectors")]
[Immutable]
public sealed record ItemVectors
{
    /// <summary>The checkpoint's content version that computed them.</summary>
    [Id(0)]
    public required string ModelVersion { get; init; }

    [Id(1)]
    public required float[] Item { get; init; }

    [Id(2)]
    public required float[] Text { get; init; }
}
