using System.Text;

namespace Recsys.Model.Text;

/// <summary>The canonical decomposition (Unicode NFD) of single code points, from a table generated with ICU
/// (<c>scripts/generate-canonical-decompositions.cs</c>). The services run with invariant globalization, where
/// <see cref="string.Normalize()"/> returns text unchanged, yet stripping accents the way BERT does needs NFD.</summary>
/// <remarks>Marks are not put in canonical order: the tokenizer only decomposes to drop the non-spacing marks.</remarks>
internal static partial class CanonicalDecomposition
{
    /// <summary>The longest decomposition <see cref="Decompose"/> writes to its buffer: a Hangul syllable's three jamo.</summary>
    public const int BufferLength = 3;

    // Hangul syllables decompose arithmetically into leading consonant, vowel and optional trailing consonant
    // (Unicode chapter 3.12), so the table leaves their 11,172 code points out.
    private const int SyllableFirst = 0xAC00;
    private const int LeadingFirst = 0x1100;
    private const int VowelFirst = 0x1161;
    private const int TrailingBeforeFirst = 0x11A7;
    private const int VowelCount = 21;
    private const int TrailingCount = 28;
    private const int SyllableCount = 19 * VowelCount * TrailingCount;

    /// <summary>The rune's full canonical decomposition, UTF-16; the rune itself when it has none.</summary>
    /// <param name="buffer">At least <see cref="BufferLength"/> chars, used when the result is not in the table.</param>
    public static ReadOnlySpan<char> Decompose(Rune rune, Span<char> buffer)
    {
        var syllableIndex = rune.Value - SyllableFirst;
        if (syllableIndex is >= 0 and < SyllableCount)
        {
            buffer[0] = (char)(LeadingFirst + syllableIndex / (VowelCount * TrailingCount));
            buffer[1] = (char)(VowelFirst + syllableIndex % (VowelCount * TrailingCount) / TrailingCount);
            var trailing = syllableIndex % TrailingCount;
            buffer[2] = (char)(TrailingBeforeFirst + trailing);
            return buffer[..(trailing == 0 ? 2 : 3)];
        }

        var index = rune.Value < Composed[0] ? -1 : Composed.BinarySearch(rune.Value);
        if (index >= 0)
        {
            return Decomposed.AsSpan(DecomposedStarts[index], DecomposedStarts[index + 1] - DecomposedStarts[index]);
        }

        return buffer[..rune.EncodeToUtf16(buffer)];
    }
}
