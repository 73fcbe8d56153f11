namespace Recsys.Model.Torch;

/// <summary>Element types, numbered as libtorch's c10::ScalarType (the native layer passes the number through).
/// Float16 and BFloat16 are meant for GPU compute.</summary>
public enum DType
{
    UInt8 = 0,
    Int32 = 3,
    Int64 = 4,
    Float16 = 5,
    Float32 = 6,
    Float64 = 7,
    Bool = 11,
    BFloat16 = 15,
}

public static class DTypeExtensions
{
    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.UInt8 or DType.Bool => 1,
        DType.Float16 or DType.BFloat16 => 2,
        DType.Int32 or DType.Float32 => 4,
        DType.Int64 or DType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    public static bool IsFloatingPoint(this DType dtype) =>
        dtype is DType.Float16 or DType.BFloat16 or DType.Float32 or DType.Float64;

    /// <summary>The dtype whose elements are the CLR type <typeparamref name="T"/>.</summary>
    public static DType Of<T>() where T : unmanaged => default(T) switch
    {
        float => DType.Float32,
        double => DType.Float64,
        long => DType.Int64,
        int => DType.Int32,
        bool => DType.Bool,
        byte => DType.UInt8,
        Half => DType.Float16,
        _ => throw new NotSupportedException($"no tensor dtype holds {typeof(T).Name} elements"),
    };
}
