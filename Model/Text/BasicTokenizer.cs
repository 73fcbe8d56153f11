using System.Globalization;
using System.Text;

namespace Recsys.Model.Text;

/// <summary>BERT's first stage: normalises text and splits it into words and punctuation, as Hugging Face's
/// <c>BertNormalizer</c> and <c>BertPreTokenizer</c> do.</summary>
/// <remarks>
/// Normalisation, per code point and in this order: drop NUL, U+FFFD and control characters and turn whitespace
/// into spaces; put spaces around CJK ideographs; strip accents (canonical decomposition, then drop non-spacing
/// marks); lower-case with the full Unicode mapping. Then the text is split at whitespace and every punctuation
/// character becomes a word of its own. Thread-safe.
/// Ours because Microsoft.ML.Tokenizers' BERT normalizer and pre-tokenizer differ from Hugging Face's (see
/// <see cref="BertTokenizer"/>).
/// </remarks>
public sealed class BasicTokenizer(BertTokenizerOptions options)
{
    /// <summary>The one lower-case mapping of Unicode that is longer than the character (SpecialCasing.txt), and
    /// which invariant globalization leaves out.</summary>
    private const int CapitalIWithDotAbove = 0x0130;

    public BertTokenizerOptions Options { get; } = options;

    public List<string> Split(ReadOnlySpan<char> text)
    {
        var words = new List<string>();
        Split(text, words);
        return words;
    }

    /// <summary>Appends the words of the text to <paramref name="words"/>.</summary>
    public void Split(ReadOnlySpan<char> text, List<string> words)
    {
        var normalized = Normalize(text);
        var wordStart = 0;
        var position = 0;
        while (position < normalized.Length)
        {
            Rune.DecodeFromUtf16(normalized.AsSpan(position), out var rune, out var length);
            var isWhitespace = BertCharacters.IsWhitespace(rune);
            if (isWhitespace || BertCharacters.IsPunctuation(rune))
            {
                AddWord(normalized, wordStart, position, words);
                if (!isWhitespace)
                {
                    words.Add(normalized.Substring(position, length));
                }

                wordStart = position + length;
            }

            position += length;
        }

        AddWord(normalized, wordStart, normalized.Length, words);
    }

    /// <summary>The text as BERT normalises it, before splitting.</summary>
    public string Normalize(ReadOnlySpan<char> text)
    {
        var normalized = new StringBuilder(text.Length + 8);
        Span<char> decomposition = stackalloc char[CanonicalDecomposition.BufferLength];
        foreach (var rune in text.EnumerateRunes())
        {
            // Invalid UTF-16 comes out as U+FFFD, which cleaning removes.
            if (rune.Value is 0 or 0xFFFD || BertCharacters.IsControl(rune))
            {
                continue;
            }

            if (BertCharacters.IsWhitespace(rune))
            {
                normalized.Append(' ');
                continue;
            }

            var isIsolated = Options.TokenizeChineseChars && BertCharacters.IsCjkIdeograph(rune);
            if (isIsolated)
            {
                normalized.Append(' ');
            }

            if (Options.StripsAccents)
            {
                foreach (var part in CanonicalDecomposition.Decompose(rune, decomposition).EnumerateRunes())
                {
                    if (Rune.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
                    {
                        AppendCased(normalized, part);
                    }
                }
            }
            else
            {
                AppendCased(normalized, rune);
            }

            if (isIsolated)
            {
                normalized.Append(' ');
            }
        }

        return normalized.ToString();
    }

    private void AppendCased(StringBuilder normalized, Rune rune)
    {
        if (!Options.LowerCase)
        {
            normalized.Append(rune);
        }
        else if (rune.Value == CapitalIWithDotAbove)
        {
            normalized.Append("i\u0307");
        }
        else
        {
            normalized.Append(Rune.ToLowerInvariant(rune));
        }
    }

    private static void AddWord(string normalized, int start, int end, List<string> words)
    {
        if (end > start)
        {
            words.Add(normalized.Substring(start, end - start));
        }
    }
}
