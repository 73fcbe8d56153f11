namespace Recsys.Model.Text;

/// <summary>Settings of <see cref="WordPieceTrainer"/>.</summary>
public sealed record WordPieceTrainerOptions
{
    /// <summary>The size to stop merging at; the vocabulary is smaller when no pair is frequent enough, and larger
    /// when the special tokens and the alphabet alone exceed it.</summary>
    public int VocabularySize { get; init; } = 8000;

    /// <summary>Pairs seen fewer times than this are never merged.</summary>
    public int MinFrequency { get; init; } = 2;

    /// <summary>At most this many characters, the most frequent, make the alphabet; words with other characters
    /// become the unknown token.</summary>
    public int AlphabetLimit { get; init; } = 1000;

    /// <summary>How the texts are normalised and split into words, and the special tokens: the settings of the
    /// tokenizer that will use the vocabulary.</summary>
    public BertTokenizerOptions Tokenizer { get; init; } = new();
}
