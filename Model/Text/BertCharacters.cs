using System.Globalization;
using System.Text;

namespace Recsys.Model.Text;

/// <summary>The character classes of BERT's basic tokenization, as Hugging Face defines them.</summary>
internal static class BertCharacters
{
    /// <summary>Unicode White_Space, which includes tab and the line breaks.</summary>
    public static bool IsWhitespace(Rune rune) => Rune.IsWhiteSpace(rune);

    /// <summary>Control, format, surrogate and private-use characters, removed when cleaning text; tab and line
    /// breaks count as whitespace instead. Unassigned code points are kept, as Hugging Face's Rust tokenizers do
    /// (its Python tokenizer drops them too).</summary>
    public static bool IsControl(Rune rune)
    {
        if (rune.Value is '\t' or '\n' or '\r')
        {
            return false;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse;
    }

    /// <summary>Unicode punctuation (categories P*), plus every ASCII non-alphanumeric symbol such as
    /// <c>$</c>, <c>+</c>, <c>^</c> and <c>`</c>, which Unicode files under symbols but BERT splits off too.</summary>
    public static bool IsPunctuation(Rune rune)
    {
        if (rune.IsAscii)
        {
            return rune.Value is >= 33 and <= 47 or >= 58 and <= 64 or >= 91 and <= 96 or >= 123 and <= 126;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation;
    }

    /// <summary>A CJK Unified Ideograph (the blocks BERT's original code lists; Hangul and kana are not among
    /// them): each becomes a word of its own, as Chinese is written without spaces.</summary>
    public static bool IsCjkIdeograph(Rune rune) => rune.Value is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF
        or >= 0x20000 and <= 0x2A6DF or >= 0x2A700 and <= 0x2B73F or >= 0x2B740 and <= 0x2B81F
        or >= 0x2B820 and <= 0x2CEAF or >= 0xF900 and <= 0xFAFF or >= 0x2F800 and <= 0x2FA1F;
}
