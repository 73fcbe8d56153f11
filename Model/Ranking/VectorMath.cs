using System.Numerics;
using System.Runtime.InteropServices;

namespace Recsys.Model.Ranking;

/// <summary>The two float kernels the scorer spends its time in, SIMD-wide.</summary>
internal static class VectorMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var wide = MemoryMarshal.Cast<float, Vector<float>>(a);
        var wideB = MemoryMarshal.Cast<float, Vector<float>>(b);
        var sum = Vector<float>.Zero;
        for (var i = 0; i < wide.Length; i++)
        {
            sum += wide[i] * wideB[i];
        }

        var total = Vector.Sum(sum);
        for (var i = wide.Length * Vector<float>.Count; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }

    /// <summary>target += scale · source.</summary>
    public static void AddScaled(Span<float> target, ReadOnlySpan<float> source, float scale)
    {
        var wideTarget = MemoryMarshal.Cast<float, Vector<float>>(target);
        var wideSource = MemoryMarshal.Cast<float, Vector<float>>(source);
        var wideScale = new Vector<float>(scale);
        for (var i = 0; i < wideTarget.Length; i++)
        {
            wideTarget[i] += wideScale * wideSource[i];
        }

        for (var i = wideTarget.Length * Vector<float>.Count; i < target.Length; i++)
        {
            target[i] += scale * source[i];
        }
    }
}
