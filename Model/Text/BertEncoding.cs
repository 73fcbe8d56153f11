namespace Recsys.Model.Text;

/// <summary>One text as a BERT model reads it: <c>[CLS]</c>, the pieces, <c>[SEP]</c>, then any padding.</summary>
/// <param name="Tokens">The token of every position, special and padding tokens included.</param>
/// <param name="AttentionMask">1 where there is a token, 0 at padding.</param>
/// <param name="TokenTypeIds">The segment of each position: 0, as there is one text.</param>
public sealed record BertEncoding(
    IReadOnlyList<string> Tokens,
    IReadOnlyList<int> InputIds,
    IReadOnlyList<int> AttentionMask,
    IReadOnlyList<int> TokenTypeIds)
{
    public int Length => InputIds.Count;
}
