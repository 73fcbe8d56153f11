namespace Recsys.Model.Text;

/// <summary>Texts encoded together, padded to one length, as [<see cref="Count"/>, <see cref="Length"/>]
/// row-major arrays of 64-bit integers, the type that embedding lookups take.</summary>
/// <param name="AttentionMask">1 where there is a token, 0 at padding.</param>
/// <param name="TokenTypeIds">The segment of each position: all 0, as each row is one text.</param>
public sealed record BertBatch(int Count, int Length, long[] InputIds, long[] AttentionMask, long[] TokenTypeIds);
