using Recsys.Model.Text;

namespace Recsys.Model.Tests.Text;

public sealed class WordPieceTokenizerTests
{
    private static readonly WordPieceVocabulary Vocabulary =
        new(["[UNK]", "un", "unab", "##aff", "##able", "##a", "a", "😀", "##😀"]);

    private static readonly WordPieceTokenizer WordPiece = new(Vocabulary, "[UNK]", maxInputCharsPerWord: 100);

    [Theory]
    [InlineData("unaffable", new[] { "un", "##aff", "##able" })]
    [InlineData("unab", new[] { "unab" })] // the longest piece, though "un" matches too
    [InlineData("unable", new[] { "[UNK]" })] // "unab" then no "##le": no going back to "un" "##able"
    [InlineData("aa", new[] { "a", "##a" })]
    [InlineData("unaffablex", new[] { "[UNK]" })] // an unmatched rest makes the whole word unknown
    [InlineData("xa", new[] { "[UNK]" })]
    [InlineData("affable", new[] { "[UNK]" })] // "##aff" only continues a word
    public void Takes_the_longest_matching_piece_from_the_left(string word, string[] expected) =>
        Assert.Equal(expected, Tokenize(word));

    [Fact]
    public void Words_longer_than_the_limit_are_unknown_without_splitting()
    {
        Assert.Equal(100, Tokenize(new string('a', 100)).Count);
        Assert.Equal(["[UNK]"], Tokenize(new string('a', 101)));
    }

    [Fact]
    public void The_limit_counts_code_points_not_utf16_units()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 100));

        Assert.Equal(["😀", .. Enumerable.Repeat("##😀", 99)], Tokenize(emoji));
    }

    [Fact]
    public void Keeps_the_pieces_of_earlier_words()
    {
        var ids = new List<int>();

        WordPiece.Tokenize("un", ids);
        WordPiece.Tokenize("unaffx", ids);

        Assert.Equal([Vocabulary.GetId("un"), WordPiece.UnknownId], ids);
    }

    [Fact]
    public void The_unknown_token_must_be_in_the_vocabulary()
    {
        var error = Assert.Throws<ArgumentException>(() => new WordPieceTokenizer(Vocabulary, "<unk>", 100));

        Assert.Contains("<unk>", error.Message);
    }

    private static List<string> Tokenize(string word)
    {
        var ids = new List<int>();
        WordPiece.Tokenize(word, ids);
        return ids.Select(id => Vocabulary.Tokens[id]).ToList();
    }
}
