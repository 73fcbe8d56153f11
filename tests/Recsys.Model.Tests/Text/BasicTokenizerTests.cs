using Recsys.Model.Text;

namespace Recsys.Model.Tests.Text;

/// <summary>The expected words are those of Hugging Face tokenizers 0.23.2 (BertNormalizer + BertPreTokenizer)
/// with the same settings.</summary>
public sealed class BasicTokenizerTests
{
    private static readonly BasicTokenizer Uncased = new(new BertTokenizerOptions());

    [Theory]
    [InlineData(true, null, new[] { "cafe", "creme", "brulee" })] // uncased models strip accents
    [InlineData(false, null, new[] { "Café", "CRÈME", "brûlée" })] // cased models keep them
    [InlineData(true, false, new[] { "café", "crème", "brûlée" })]
    [InlineData(false, true, new[] { "Cafe", "CREME", "brulee" })]
    public void Accents_follow_strip_accents_then_lower_casing(bool lowerCase, bool? stripAccents, string[] expected)
    {
        var basic = new BasicTokenizer(new BertTokenizerOptions { LowerCase = lowerCase, StripAccents = stripAccents });

        Assert.Equal(expected, basic.Split("Café CRÈME brûlée"));
    }

    [Fact]
    public void Combining_accents_are_stripped_like_precomposed_ones() =>
        Assert.Equal(["creme", "creme"], Uncased.Split("crème cre\u0300me"));

    [Theory]
    [InlineData(null, "istanbul")]
    [InlineData(false, "i\u0307stanbul")] // the full lower-case mapping of İ, which invariant globalization lacks
    public void Capital_I_with_dot_lower_cases_to_i_and_a_combining_dot(bool? stripAccents, string expected) =>
        Assert.Equal([expected], new BasicTokenizer(new BertTokenizerOptions { StripAccents = stripAccents }).Split("İSTANBUL"));

    [Fact]
    public void Stripping_accents_decomposes_hangul_into_jamo() =>
        Assert.Equal(["\u1112\u1161\u11AB\u1100\u116E\u11A8"], Uncased.Split("한국"));

    [Fact]
    public void Every_cjk_ideograph_is_a_word_of_its_own_but_kana_and_hangul_are_not()
    {
        var cased = new BasicTokenizer(new BertTokenizerOptions { LowerCase = false });

        Assert.Equal(["电", "商", "推", "荐", "gift", "テキスト", "한국"], cased.Split("电商推荐gift テキスト 한국"));
    }

    [Fact]
    public void Cjk_ideographs_stay_together_when_not_split()
    {
        var basic = new BasicTokenizer(new BertTokenizerOptions { TokenizeChineseChars = false });

        Assert.Equal(["电商推荐gift"], basic.Split("电商推荐gift"));
    }

    [Fact]
    public void Punctuation_and_every_ascii_symbol_are_words_of_their_own() =>
        Assert.Equal(
            ["t", "-", "light", ",", "7", "\"", "$", "5", "+", "3", "^", "2", "`", "~", "|", "a", "@", "b", "!"],
            Uncased.Split("T-LIGHT, 7\" $5+3^2`~|a@b!"));

    [Fact]
    public void Unicode_punctuation_is_split_off_but_non_ascii_symbols_are_not() =>
        Assert.Equal(["«", "hi", "»", "—", "£5", "…", "©2"], Uncased.Split("«hi»—£5…©2"));

    [Fact]
    public void Control_and_format_characters_are_removed() =>
        Assert.Equal(["abcdef"], Uncased.Split("a\0b\u0007c\u200Bd\uFFFDe\uE000f"));

    [Fact]
    public void Any_whitespace_separates_words() =>
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g"], Uncased.Split("a\tb\nc\r\nd\u00A0e\u3000f\u2028g"));

    [Fact]
    public void Unassigned_code_points_are_kept() => Assert.Equal(["a\u0378b"], Uncased.Split("a\u0378b"));

    [Theory]
    [InlineData("")]
    [InlineData(" \t\n ")]
    [InlineData("\0\u200B")]
    public void Empty_or_blank_text_has_no_words(string text) => Assert.Empty(Uncased.Split(text));

    [Fact]
    public void Surrogate_pairs_stay_whole_and_lone_surrogates_are_removed() =>
        Assert.Equal(["😀gift", "box"], Uncased.Split("😀gift\uD800 box"));
}
