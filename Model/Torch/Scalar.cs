using System.Runtime.InteropServices;

namespace Recsys.Model.Torch;

/// <summary>A number operand of a tensor operation. Integers stay integers so that arithmetic on int64 index
/// tensors stays int64 (libtorch promotes an integer tensor to floating point when the scalar is a double).
/// The layout is the native rt_scalar.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Scalar
{
    private readonly double real;
    private readonly long integer;
    private readonly int isInteger;

    private Scalar(double real, long integer, bool isInteger)
    {
        this.real = real;
        this.integer = integer;
        this.isInteger = isInteger ? 1 : 0;
    }

    public bool IsInteger => isInteger != 0;

    public static implicit operator Scalar(double value) => new(value, 0, isInteger: false);

    public static implicit operator Scalar(float value) => new(value, 0, isInteger: false);

    public static implicit operator Scalar(long value) => new(0, value, isInteger: true);

    public static implicit operator Scalar(int value) => new(0, value, isInteger: true);

    public static implicit operator Scalar(bool value) => new(0, value ? 1 : 0, isInteger: true);

    public override string ToString() => IsInteger ? integer.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : real.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
