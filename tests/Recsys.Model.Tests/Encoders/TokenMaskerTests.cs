using Recsys.Model.Encoders;
using Recsys.Model.Tests.Support;
using Recsys.Model.Text;

namespace Recsys.Model.Tests.Encoders;

public sealed class TokenMaskerTests
{
    private static readonly BertTokenizer Tokenizer = TinyCatalog.Tokenizer;

    [Fact]
    public void Predicts_fifteen_percent_of_each_sequences_text_tokens_split_80_10_10()
    {
        // Rows of 22 tokens ([CLS], 20 text tokens, [SEP]), and short rows of 3 text tokens, where 15% rounds to none.
        var longText = string.Join(' ', Enumerable.Repeat("red lunch bag", 7));
        var batch = Tokenizer.EncodeBatch([.. Enumerable.Repeat(longText, 1000), .. Enumerable.Repeat("pink cake stand", 1000)], 22);
        Assert.Equal(22, batch.Length);

        var (inputs, labels) = new TokenMasker(Tokenizer).Mask(batch, new Random(7));

        int masked = 0, replaced = 0, kept = 0;
        for (var row = 0; row < batch.Count; row++)
        {
            var chosen = Enumerable.Range(row * batch.Length, batch.Length).Where(position => labels[position] != MaskedLanguageModel.IgnoreIndex).ToList();
            var textTokens = (int)batch.AttentionMask.AsSpan(row * batch.Length, batch.Length).ToArray().Sum() - 2;
            Assert.Equal(textTokens == 20 ? 3 : 1, chosen.Count);
            foreach (var position in chosen)
            {
                Assert.Equal(batch.InputIds[position], labels[position]);
                Assert.NotEqual(row * batch.Length, position);
                Assert.Equal(1, batch.AttentionMask[position]);
                Assert.NotEqual(Tokenizer.SeparatorId, batch.InputIds[position]);
                masked += inputs.InputIds[position] == Tokenizer.MaskId ? 1 : 0;
                kept += inputs.InputIds[position] == batch.InputIds[position] ? 1 : 0;
                replaced += inputs.InputIds[position] != Tokenizer.MaskId && inputs.InputIds[position] != batch.InputIds[position] ? 1 : 0;
            }

            var unchosen = Enumerable.Range(row * batch.Length, batch.Length).Except(chosen);
            Assert.All(unchosen, position => Assert.Equal(batch.InputIds[position], inputs.InputIds[position]));
        }

        var total = masked + replaced + kept;
        Assert.Equal(4000, total);
        Assert.InRange((double)masked / total, 0.77, 0.83);
        // A random token may be the original one, which then counts as kept.
        Assert.InRange((double)replaced / total, 0.08, 0.12);
        Assert.InRange((double)kept / total, 0.08, 0.12);
        Assert.Equal(batch.AttentionMask, inputs.AttentionMask);
    }

    [Fact]
    public void Random_replacements_are_ordinary_tokens()
    {
        var batch = Tokenizer.EncodeBatch(Enumerable.Repeat("blue paisley cake stand", 4000).ToList(), 16);
        var special = Tokenizer.Options.SpecialTokens.Select(token => (long)Tokenizer.Vocabulary.GetId(token)).ToHashSet();

        var (inputs, labels) = new TokenMasker(Tokenizer).Mask(batch, new Random(3));

        var replacements = Enumerable.Range(0, labels.Length)
            .Where(position => labels[position] != MaskedLanguageModel.IgnoreIndex && inputs.InputIds[position] != Tokenizer.MaskId)
            .Select(position => inputs.InputIds[position])
            .ToList();
        Assert.NotEmpty(replacements);
        Assert.DoesNotContain(replacements, special.Contains);
        Assert.True(replacements.Distinct().Count() > Tokenizer.Vocabulary.Count / 2);
    }

    [Fact]
    public void The_same_seed_masks_the_same_way()
    {
        var batch = Tokenizer.EncodeBatch(TinyCatalog.Titles, 16);
        var masker = new TokenMasker(Tokenizer);

        var first = masker.Mask(batch, new Random(11));
        var second = masker.Mask(batch, new Random(11));
        var other = masker.Mask(batch, new Random(12));

        Assert.Equal(first.Inputs.InputIds, second.Inputs.InputIds);
        Assert.Equal(first.Labels, second.Labels);
        Assert.NotEqual(first.Labels, other.Labels);
    }
}
