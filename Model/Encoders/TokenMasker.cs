using Recsys.Model.Text;

namespace Recsys.Model.Encoders;

/// <summary>Chooses the tokens a masked language model learns to predict, as BERT's pre-training data was made
/// (Devlin et al. 2019, Google's <c>create_pretraining_data.py</c>): in each sequence, max(1, round(p·n)) of its n
/// text tokens ([CLS], [SEP] and padding never), uniformly at random; of those, 80% become [MASK], 10% a random
/// ordinary token, 10% stay as they are. At least one a sequence, so that every short title of a catalog teaches
/// something (15% of three tokens rounds to none).</summary>
public sealed class TokenMasker
{
    private const double MaskTokenShare = 0.8;
    private const double RandomTokenShare = 0.1;

    private readonly int maskId;
    private readonly int classifierId;
    private readonly int separatorId;

    /// <summary>The token ids a position may be replaced by: every token but the special ones.</summary>
    private readonly int[] ordinaryIds;

    /// <param name="maskProbability">The share of each sequence's text tokens to predict (BERT: 0.15).</param>
    public TokenMasker(BertTokenizer tokenizer, double maskProbability = 0.15)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maskProbability);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maskProbability, 1);
        MaskProbability = maskProbability;
        maskId = tokenizer.MaskId;
        classifierId = tokenizer.ClassifierId;
        separatorId = tokenizer.SeparatorId;
        var special = tokenizer.Options.SpecialTokens.Select(tokenizer.Vocabulary.GetId).ToHashSet();
        ordinaryIds = Enumerable.Range(0, tokenizer.Vocabulary.Count).Where(id => !special.Contains(id)).ToArray();
    }

    public double MaskProbability { get; }

    /// <returns>The batch with the chosen tokens replaced, and the labels: the original token at each chosen
    /// position, <see cref="MaskedLanguageModel.IgnoreIndex"/> elsewhere.</returns>
    public (BertBatch Inputs, long[] Labels) Mask(BertBatch batch, Random random)
    {
        var inputIds = (long[])batch.InputIds.Clone();
        var labels = new long[inputIds.Length];
        Array.Fill(labels, MaskedLanguageModel.IgnoreIndex);
        var candidates = new List<int>(batch.Length);
        for (var row = 0; row < batch.Count; row++)
        {
            candidates.Clear();
            for (var position = row * batch.Length; position < (row + 1) * batch.Length; position++)
            {
                if (batch.AttentionMask[position] != 0 && inputIds[position] != classifierId && inputIds[position] != separatorId)
                {
                    candidates.Add(position);
                }
            }

            var chosen = Math.Min(candidates.Count, Math.Max(1, (int)Math.Round(MaskProbability * candidates.Count)));
            for (var i = 0; i < chosen; i++)
            {
                // A partial Fisher-Yates shuffle: the first `chosen` candidates become a uniform sample.
                var pick = random.Next(i, candidates.Count);
                (candidates[i], candidates[pick]) = (candidates[pick], candidates[i]);
                var position = candidates[i];
                labels[position] = inputIds[position];
                var replacement = random.NextDouble();
                if (replacement < MaskTokenShare)
                {
                    inputIds[position] = maskId;
                }
                else if (replacement < MaskTokenShare + RandomTokenShare)
                {
                    inputIds[position] = ordinaryIds[random.Next(ordinaryIds.Length)];
                }
            }
        }

        return (batch with { InputIds = inputIds }, labels);
    }
}
