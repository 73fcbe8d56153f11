using Recsys.Model.Tests.Support;
using Recsys.Model.Text;

namespace Recsys.Model.Tests.Text;

/// <summary>Our tokenizer against Hugging Face's on the fixture's texts (accents, punctuation, CJK, unknown
/// words, double spaces, the empty text, truncation).</summary>
public sealed class BertTokenizerParityTests
{
    private static readonly BertTokenizer Tokenizer = BertTokenizer.Load(TinyBert.Directory);

    public static TheoryData<string> Texts => new(TinyBert.Cases.Select(reference => reference.Text));

    [Fact]
    public void The_fixture_has_the_nine_reference_texts() => Assert.Equal(9, Texts.Count);

    [Theory]
    [MemberData(nameof(Texts))]
    public void Tokens_match_hugging_face(string text)
    {
        var reference = TinyBert.Cases.Single(reference => reference.Text == text);

        Assert.Equal(reference.Tokens, Tokenizer.Tokenize(text));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Padded_encoding_matches_hugging_face(string text)
    {
        var reference = TinyBert.Cases.Single(reference => reference.Text == text);

        var encoding = Tokenizer.Encode(text, TinyBert.MaxLength, Padding.MaxLength);

        Assert.Equal(reference.InputIds, encoding.InputIds);
        Assert.Equal(reference.AttentionMask, encoding.AttentionMask);
        Assert.All(encoding.TokenTypeIds, type => Assert.Equal(0, type));
    }

    [Fact]
    public void Batch_rows_equal_the_single_encodings()
    {
        var references = TinyBert.Cases.ToList();

        var batch = Tokenizer.EncodeBatch(references.Select(reference => reference.Text).ToList(), TinyBert.MaxLength,
            Padding.MaxLength);

        Assert.Equal((references.Count, TinyBert.MaxLength), (batch.Count, batch.Length));
        for (var row = 0; row < references.Count; row++)
        {
            var cells = new Range(row * batch.Length, (row + 1) * batch.Length);
            Assert.Equal(references[row].InputIds.Select(id => (long)id), batch.InputIds[cells]);
            Assert.Equal(references[row].AttentionMask.Select(mask => (long)mask), batch.AttentionMask[cells]);
        }
    }

    [Fact]
    public void Loads_the_settings_of_tokenizer_config()
    {
        Assert.True(Tokenizer.Options.LowerCase);
        Assert.Null(Tokenizer.Options.StripAccents);
        Assert.True(Tokenizer.Options.StripsAccents);
        Assert.Null(Tokenizer.Options.ModelMaxLength);
        Assert.Equal((0, 1, 2, 3, 4),
            (Tokenizer.PaddingId, Tokenizer.UnknownId, Tokenizer.ClassifierId, Tokenizer.SeparatorId, Tokenizer.MaskId));
    }
}
