using System.Text;
using Recsys.Model.Text;

namespace Recsys.Model.Tests.Text;

public sealed class CanonicalDecompositionTests
{
    [Theory]
    [InlineData(0x00E9, new[] { 0x0065, 0x0301 })] // é
    [InlineData(0x01D6, new[] { 0x0075, 0x0308, 0x0304 })] // ǖ: decomposed all the way
    [InlineData(0x1E69, new[] { 0x0073, 0x0323, 0x0307 })] // ṩ: marks in canonical order
    [InlineData(0x2126, new[] { 0x03A9 })] // ohm sign → omega
    [InlineData(0x212B, new[] { 0x0041, 0x030A })] // angstrom sign → A + ring
    [InlineData(0xF900, new[] { 0x8C48 })] // CJK compatibility ideograph
    [InlineData(0x1D15E, new[] { 0x1D157, 0x1D165 })] // outside the BMP
    [InlineData(0xD55C, new[] { 0x1112, 0x1161, 0x11AB })] // Hangul 한: leading, vowel, trailing
    [InlineData(0xAC00, new[] { 0x1100, 0x1161 })] // Hangul 가: no trailing consonant
    [InlineData(0x0061, new[] { 0x0061 })] // a: none
    [InlineData(0x00DF, new[] { 0x00DF })] // ß: none
    [InlineData(0xFB01, new[] { 0xFB01 })] // ﬁ: compatibility decomposition only, so none
    public void Decomposes_like_NFD(int codePoint, int[] expected)
    {
        var decomposed = CanonicalDecomposition.Decompose(new Rune(codePoint), stackalloc char[CanonicalDecomposition.BufferLength]);

        Assert.Equal(expected, decomposed.ToString().EnumerateRunes().Select(rune => rune.Value));
    }
}
