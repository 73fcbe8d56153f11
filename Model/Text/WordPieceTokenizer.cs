using System.Text;

namespace Recsys.Model.Text;

/// <summary>BERT's second stage: splits one word into vocabulary pieces, greedily taking the longest piece that
/// matches from the left; pieces after the first carry the <c>##</c> prefix in the vocabulary. A word that
/// cannot be split completely, or is longer than the limit, becomes the unknown token as a whole. Thread-safe.</summary>
public sealed class WordPieceTokenizer
{
    public const string ContinuationPrefix = "##";

    private readonly WordPieceVocabulary vocabulary;
    private readonly int maxInputCharsPerWord;

    /// <summary>The continuation pieces by their text without the prefix, so that a candidate piece is looked up
    /// as a span of the word, without building "##" + piece.</summary>
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> continuations;

    /// <param name="maxInputCharsPerWord">Longer words, in code points, become the unknown token.</param>
    /// <exception cref="ArgumentException">The unknown token is not in the vocabulary.</exception>
    public WordPieceTokenizer(WordPieceVocabulary vocabulary, string unknownToken, int maxInputCharsPerWord)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxInputCharsPerWord);
        this.vocabulary = vocabulary;
        this.maxInputCharsPerWord = maxInputCharsPerWord;
        UnknownId = vocabulary.TryGetId(unknownToken, out var unknownId)
            ? unknownId
            : throw new ArgumentException($"the unknown token '{unknownToken}' is not in the vocabulary", nameof(unknownToken));
        continuations = vocabulary.Tokens
            .Select((token, id) => (token, id))
            .Where(entry => entry.token.StartsWith(ContinuationPrefix, StringComparison.Ordinal))
            .ToDictionary(entry => entry.token[ContinuationPrefix.Length..], entry => entry.id, StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int UnknownId { get; }

    /// <summary>Appends the ids of the word's pieces to <paramref name="ids"/>.</summary>
    public void Tokenize(ReadOnlySpan<char> word, List<int> ids)
    {
        var firstPiece = ids.Count;
        // A word has no more code points than UTF-16 units, so a word within the limit in units needs no counting.
        if (word.Length > maxInputCharsPerWord && CountCodePoints(word) > maxInputCharsPerWord)
        {
            ids.Add(UnknownId);
            return;
        }

        var start = 0;
        while (start < word.Length)
        {
            var pieceId = MatchLongestPiece(word, start, out var end);
            if (pieceId < 0)
            {
                ids.RemoveRange(firstPiece, ids.Count - firstPiece);
                ids.Add(UnknownId);
                return;
            }

            ids.Add(pieceId);
            start = end;
        }
    }

    /// <returns>The id of the longest piece of the vocabulary that starts the rest of the word, or -1.</returns>
    /// <param name="end">Where the piece ends in the word.</param>
    private int MatchLongestPiece(ReadOnlySpan<char> word, int start, out int end)
    {
        for (end = word.Length; end > start; end -= EndsWithSurrogatePair(word[start..end]) ? 2 : 1)
        {
            if (TryGetPiece(word[start..end], isFirst: start == 0, out var id))
            {
                return id;
            }
        }

        return -1;
    }

    private bool TryGetPiece(ReadOnlySpan<char> piece, bool isFirst, out int id) =>
        isFirst ? vocabulary.Lookup.TryGetValue(piece, out id) : continuations.TryGetValue(piece, out id);

    private static bool EndsWithSurrogatePair(ReadOnlySpan<char> text) =>
        text.Length >= 2 && char.IsSurrogatePair(text[^2], text[^1]);

    private static int CountCodePoints(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
