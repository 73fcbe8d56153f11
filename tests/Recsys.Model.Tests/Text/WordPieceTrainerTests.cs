using Recsys.Model.Text;

namespace Recsys.Model.Tests.Text;

public sealed class WordPieceTrainerTests
{
    private static readonly string[] SpecialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

    /// <summary>hug ×10, pug ×5, pun ×12, bun ×4, hugs ×5: pairs (and their counts) are easy to follow.</summary>
    private static readonly string[] Texts =
    [
        .. Enumerable.Repeat("hug", 10), .. Enumerable.Repeat("pug", 5), .. Enumerable.Repeat("PUN", 12),
        .. Enumerable.Repeat("bun", 4), .. Enumerable.Repeat("hugs!", 5),
    ];

    private static readonly string[] Alphabet = ["!", "b", "g", "h", "n", "p", "s", "u"];

    /// <summary>Punctuation is always a word of its own, so it has no continuation form.</summary>
    private static readonly string[] Continuations = ["##b", "##g", "##h", "##n", "##p", "##s", "##u"];

    [Fact]
    public void Merges_the_most_frequent_pair_first_with_ties_to_the_lower_ids()
    {
        var vocabulary = WordPieceTrainer.Train(Texts);

        // ##u ##g (20), ##u ##n (16), h ##ug (15), p ##un (12), then p ##ug and hug ##s (5 each; p has the lower
        // id), then b ##un (4).
        Assert.Equal(
            [.. SpecialTokens, .. Alphabet, .. Continuations, "##ug", "##un", "hug", "pun", "pug", "hugs", "bun"],
            vocabulary.Tokens);
    }

    [Fact]
    public void Stops_at_the_vocabulary_size()
    {
        var vocabulary = WordPieceTrainer.Train(Texts, new WordPieceTrainerOptions { VocabularySize = 23 });

        Assert.Equal(["##ug", "##un", "hug"], vocabulary.Tokens.Skip(20));
    }

    [Fact]
    public void Stops_when_the_best_pair_is_rarer_than_the_minimum_frequency()
    {
        var vocabulary = WordPieceTrainer.Train(Texts, new WordPieceTrainerOptions { MinFrequency = 5 });

        Assert.Equal("hugs", vocabulary.Tokens[^1]);
    }

    [Fact]
    public void The_order_of_the_texts_does_not_matter()
    {
        var shuffled = Texts.OrderBy(text => Fnv1aHash.Of(text)).Reverse().ToList();

        Assert.Equal(WordPieceTrainer.Train(Texts).Tokens, WordPieceTrainer.Train(shuffled).Tokens);
    }

    [Fact]
    public void Unseen_words_of_alphabet_characters_are_tokenized()
    {
        var tokenizer = new BertTokenizer(WordPieceTrainer.Train(Texts));

        Assert.Equal(["g", "##n", "##u", "s", "##u", "##b", "!", "hug", "##h"], tokenizer.Tokenize("gnu sub! hugh"));
    }

    [Fact]
    public void Characters_beyond_the_alphabet_limit_make_words_unknown()
    {
        // b is the rarest character (4 times).
        var vocabulary = WordPieceTrainer.Train(Texts, new WordPieceTrainerOptions { AlphabetLimit = 7 });

        Assert.DoesNotContain("b", vocabulary.Tokens);
        Assert.Equal(["[UNK]", "pun"], new BertTokenizer(vocabulary).Tokenize("bun pun"));
    }

    [Fact]
    public void Special_tokens_come_from_the_tokenizer_settings()
    {
        var tokenizer = new BertTokenizerOptions { PaddingToken = "<pad>", UnknownToken = "<unk>" };

        var vocabulary = WordPieceTrainer.Train(Texts, new WordPieceTrainerOptions { Tokenizer = tokenizer });

        Assert.Equal(["<pad>", "<unk>", "[CLS]", "[SEP]", "[MASK]"], vocabulary.Tokens.Take(5));
    }
}
