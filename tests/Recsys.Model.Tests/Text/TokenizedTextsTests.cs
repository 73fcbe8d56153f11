using Recsys.Model.Tests.Support;
using Recsys.Model.Text;

namespace Recsys.Model.Tests.Text;

public sealed class TokenizedTextsTests
{
    private static readonly BertTokenizer Tokenizer = TinyCatalog.Tokenizer;

    [Fact]
    public void A_batch_holds_the_chosen_rows_padded_to_the_longest_of_them()
    {
        string[] texts = ["red lunch bag", "pink", "blue paisley childrens cutlery set", ""];
        var tokenized = TokenizedTexts.Create(Tokenizer, texts, maxLength: 16);

        var batch = tokenized.Batch([1, 0]);

        var expected = Tokenizer.EncodeBatch([texts[1], texts[0]], 16);
        Assert.Equal((expected.Count, expected.Length), (batch.Count, batch.Length));
        Assert.Equal(expected.InputIds, batch.InputIds);
        Assert.Equal(expected.AttentionMask, batch.AttentionMask);
        Assert.Equal(expected.TokenTypeIds, batch.TokenTypeIds);
        Assert.Equal(Tokenizer.EncodeBatch(texts, 16).InputIds, tokenized.All.InputIds);
        Assert.Equal([5, 3, tokenized.Width, 2], Enumerable.Range(0, 4).Select(tokenized.LengthOf));
    }

    [Fact]
    public void Texts_longer_than_the_maximum_are_cut()
    {
        var tokenized = TokenizedTexts.Create(Tokenizer, [string.Join(' ', Enumerable.Repeat("red lunch bag", 10))], maxLength: 8);

        Assert.Equal(8, tokenized.Width);
        Assert.Equal(8, tokenized.LengthOf(0));
        Assert.Equal(Tokenizer.SeparatorId, tokenized.Batch([0]).InputIds[^1]);
    }
}
