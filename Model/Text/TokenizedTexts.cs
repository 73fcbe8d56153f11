namespace Recsys.Model.Text;

/// <summary>Texts tokenized once, a row of token ids each, from which batches of any rows are made again and again
/// (training epochs, embedding passes) without tokenizing again. A batch is padded only to its own longest row.</summary>
public sealed class TokenizedTexts
{
    private readonly BertBatch rows;
    private readonly int[] lengths;
    private readonly long paddingId;

    private TokenizedTexts(BertBatch rows, int[] lengths, long paddingId)
    {
        this.rows = rows;
        this.lengths = lengths;
        this.paddingId = paddingId;
    }

    public int Count => rows.Count;

    /// <summary>The length of the longest row, special tokens included.</summary>
    public int Width => rows.Length;

    /// <summary>Every row, padded to <see cref="Width"/>.</summary>
    public BertBatch All => rows;

    /// <param name="maxLength">The longest row, special tokens included; longer texts are cut.</param>
    public static TokenizedTexts Create(BertTokenizer tokenizer, IReadOnlyList<string> texts, int maxLength)
    {
        var rows = tokenizer.EncodeBatch(texts, maxLength);
        var lengths = new int[rows.Count];
        for (var row = 0; row < rows.Count; row++)
        {
            var firstPadding = rows.AttentionMask.AsSpan(row * rows.Length, rows.Length).IndexOf(0L);
            lengths[row] = firstPadding < 0 ? rows.Length : firstPadding;
        }

        return new TokenizedTexts(rows, lengths, tokenizer.PaddingId);
    }

    /// <summary>The number of tokens of a row, [CLS] and [SEP] included.</summary>
    public int LengthOf(int row) => lengths[row];

    /// <summary>The rows, in the given order, padded to the longest of them.</summary>
    public BertBatch Batch(ReadOnlySpan<int> selected)
    {
        var length = 0;
        foreach (var row in selected)
        {
            length = Math.Max(length, lengths[row]);
        }

        var inputIds = new long[selected.Length * length];
        var attentionMask = new long[inputIds.Length];
        Array.Fill(inputIds, paddingId);
        for (var i = 0; i < selected.Length; i++)
        {
            var source = selected[i] * rows.Length;
            var kept = lengths[selected[i]];
            rows.InputIds.AsSpan(source, kept).CopyTo(inputIds.AsSpan(i * length));
            attentionMask.AsSpan(i * length, kept).Fill(1);
        }

        return new BertBatch(selected.Length, length, inputIds, attentionMask, new long[inputIds.Length]);
    }
}
