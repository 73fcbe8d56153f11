using Recsys.Model.Tests.Support;
using Recsys.Model.Text;

namespace Recsys.Model.Tests.Text;

public sealed class BertTokenizerTests
{
    private static readonly BertTokenizer Tokenizer = BertTokenizer.Load(TinyBert.Directory);

    /// <summary>The special tokens and a few pieces whose longest matches tell greedy WordPiece from other splits.</summary>
    private static readonly BertTokenizer Pieces = new(new WordPieceVocabulary(
        ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "unab", "##aff", "##able", "##a", "a", "😀", "##😀"]));

    [Theory]
    [InlineData("unaffable", new[] { "un", "##aff", "##able" })]
    [InlineData("unab", new[] { "unab" })] // the longest piece, though "un" matches too
    [InlineData("unable", new[] { "[UNK]" })] // "unab" then no "##le": no going back to "un" "##able"
    [InlineData("aa", new[] { "a", "##a" })]
    [InlineData("unaffablex", new[] { "[UNK]" })] // an unmatched rest makes the whole word unknown
    [InlineData("xa", new[] { "[UNK]" })]
    [InlineData("affable", new[] { "[UNK]" })] // "##aff" only continues a word
    [InlineData("un unaffx a", new[] { "un", "[UNK]", "a" })] // an unknown word leaves its neighbours' pieces alone
    public void Words_are_split_into_the_longest_matching_pieces_from_the_left(string text, string[] expected) =>
        Assert.Equal(expected, Pieces.Tokenize(text));

    [Fact]
    public void Words_longer_than_the_limit_are_unknown_without_splitting()
    {
        Assert.Equal(100, Pieces.Tokenize(new string('a', 100)).Count);
        Assert.Equal(["[UNK]"], Pieces.Tokenize(new string('a', 101)));
    }

    [Fact]
    public void The_word_limit_counts_code_points_not_utf16_units()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 100));

        Assert.Equal(["😀", .. Enumerable.Repeat("##😀", 99)], Pieces.Tokenize(emoji));
        Assert.Equal(["[UNK]"], Pieces.Tokenize(emoji + "😀"));
    }

    [Fact]
    public void Truncation_cuts_the_pieces_and_keeps_cls_and_sep()
    {
        var encoding = Tokenizer.Encode("white hanging heart t-light holder", maxLength: 5);

        Assert.Equal(["[CLS]", "white", "hanging", "heart", "[SEP]"], encoding.Tokens);
        Assert.Equal([1, 1, 1, 1, 1], encoding.AttentionMask);
    }

    [Fact]
    public void The_shortest_encoding_is_cls_and_sep() =>
        Assert.Equal(["[CLS]", "[SEP]"], Tokenizer.Encode("white heart", maxLength: 2).Tokens);

    [Fact]
    public void A_single_text_is_not_padded_unless_asked()
    {
        Assert.Equal(["[CLS]", "red", "[SEP]"], Tokenizer.Encode("red", maxLength: 8).Tokens);

        var padded = Tokenizer.Encode("red", maxLength: 5, Padding.MaxLength);

        Assert.Equal(["[CLS]", "red", "[SEP]", "[PAD]", "[PAD]"], padded.Tokens);
        Assert.Equal([1, 1, 1, 0, 0], padded.AttentionMask);
        Assert.Equal([0, 0, 0, 0, 0], padded.TokenTypeIds);
    }

    [Fact]
    public void A_batch_is_padded_to_its_longest_sequence_within_the_maximum()
    {
        var batch = Tokenizer.EncodeBatch(["red", "white heart", ""], maxLength: 16);

        Assert.Equal((3, 4), (batch.Count, batch.Length));
        long cls = Tokenizer.ClassifierId, sep = Tokenizer.SeparatorId, pad = Tokenizer.PaddingId;
        long red = Tokenizer.Vocabulary.GetId("red"), white = Tokenizer.Vocabulary.GetId("white"),
            heart = Tokenizer.Vocabulary.GetId("heart");
        Assert.Equal([cls, red, sep, pad, cls, white, heart, sep, cls, sep, pad, pad], batch.InputIds);
        Assert.Equal([1L, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 0], batch.AttentionMask);
        Assert.Equal(new long[12], batch.TokenTypeIds);
        Assert.Equal(3, Tokenizer.EncodeBatch(["white heart"], maxLength: 3).Length);
    }

    [Fact]
    public void An_empty_batch_has_no_rows()
    {
        var batch = Tokenizer.EncodeBatch([], maxLength: 8);

        Assert.Equal(0, batch.Count);
        Assert.Empty(batch.InputIds);
    }

    [Fact]
    public void Special_tokens_written_in_the_text_are_kept_whole_and_only_as_written()
    {
        Assert.Equal(["gift", "[MASK]", "box", "[SEP]", "red"], Tokenizer.Tokenize("gift [MASK] box[SEP]red"));
        Assert.Equal(["[UNK]", "m", "##as", "##k", "[UNK]"], Tokenizer.Tokenize("[mask]")); // "[" is not in this vocabulary
    }

    [Fact]
    public void Unknown_characters_and_overlong_words_become_unk()
    {
        Assert.Equal(["[UNK]", "box"], Tokenizer.Tokenize("ßox box"));
        Assert.Equal(["[UNK]"], Tokenizer.Tokenize(new string('a', 101)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void A_maximum_length_below_two_is_rejected(int maxLength) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Encode("red", maxLength));

    [Fact]
    public void A_maximum_length_above_the_models_is_rejected()
    {
        var limited = new BertTokenizer(Tokenizer.Vocabulary, Tokenizer.Options with { ModelMaxLength = 8 });

        Assert.Equal(8, limited.Encode("red", maxLength: 8, Padding.MaxLength).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => limited.Encode("red", maxLength: 9));
    }

    [Theory]
    [InlineData(null, "<mask>")]
    [InlineData("<unk>", null)]
    public void Special_tokens_must_be_in_the_vocabulary(string? unknownToken, string? maskToken)
    {
        var defaults = new BertTokenizerOptions();
        var options = defaults with { UnknownToken = unknownToken ?? defaults.UnknownToken, MaskToken = maskToken ?? defaults.MaskToken };

        var error = Assert.Throws<ArgumentException>(() => new BertTokenizer(Tokenizer.Vocabulary, options));

        Assert.Contains($"'{unknownToken ?? maskToken}'", error.Message);
    }
}
