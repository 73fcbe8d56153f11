using Recsys.Model.Data;
using Recsys.Model.Tests.Support;
using Recsys.Model.Text;

namespace Recsys.Model.Tests.Text;

public sealed class WordPieceVocabularyTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Ids_are_line_numbers_from_zero()
    {
        var vocabulary = WordPieceVocabulary.Load(TinyBert.File("vocab.txt"));

        Assert.Equal(600, vocabulary.Count);
        Assert.Equal(0, vocabulary.GetId("[PAD]"));
        Assert.Equal("white", vocabulary.Tokens[187]);
        Assert.True(vocabulary.TryGetId("##s".AsSpan(), out var id) && vocabulary.Tokens[id] == "##s");
        Assert.False(vocabulary.Contains("zebra"));
    }

    [Fact]
    public void Saving_writes_the_file_hugging_face_writes()
    {
        var path = folder.File("vocab.txt");

        WordPieceVocabulary.Load(TinyBert.File("vocab.txt")).Save(path);

        Assert.Equal(File.ReadAllBytes(TinyBert.File("vocab.txt")), File.ReadAllBytes(path));
    }

    [Fact]
    public void Reads_windows_line_ends_and_a_byte_order_mark()
    {
        var path = folder.Write("vocab.txt", "\uFEFF[PAD]\r\n[UNK]\r\nred\r\n");

        Assert.Equal(["[PAD]", "[UNK]", "red"], WordPieceVocabulary.Load(path).Tokens);
    }

    [Fact]
    public void A_repeated_token_names_both_lines()
    {
        var path = folder.Write("vocab.txt", "[PAD]\nred\nblue\nred\n");

        var error = Assert.Throws<DataFormatException>(() => WordPieceVocabulary.Load(path));

        Assert.Equal(path, error.File);
        Assert.Contains("'red' is at lines 2 and 4", error.Message);
    }

    [Fact]
    public void A_token_that_cannot_be_a_line_of_vocab_txt_is_rejected()
    {
        // A lone surrogate has no UTF-8 form: written out, it would come back as another token.
        foreach (var token in new[] { "re\nd", "re\rd", "re\uD800d" })
        {
            var error = Assert.Throws<ArgumentException>(() => new WordPieceVocabulary(["[PAD]", token, "😀"]));

            Assert.Contains("line 2", error.Message);
        }
    }

    [Fact]
    public void An_unknown_token_has_no_id()
    {
        var vocabulary = new WordPieceVocabulary(["[PAD]"]);

        var error = Assert.Throws<KeyNotFoundException>(() => vocabulary.GetId("red"));

        Assert.Contains("'red'", error.Message);
    }
}
