namespace Recsys.Model.Checkpoints;

/// <summary>The element types of the safetensors format; <see cref="SafeTensorsDTypes"/> has the names its header
/// uses.</summary>
public enum SafeTensorsDType
{
    Bool,
    UInt8,
    Int8,
    Float8E5M2,
    Float8E4M3,
    Int16,
    UInt16,
    Float16,
    BFloat16,
    Int32,
    UInt32,
    Float32,
    Float64,
    Int64,
    UInt64,
}

/// <summary>The header names and element sizes of <see cref="SafeTensorsDType"/>.</summary>
public static class SafeTensorsDTypes
{
    private static readonly (SafeTensorsDType DType, string Name, int Size)[] Table =
    [
        (SafeTensorsDType.Bool, "BOOL", 1),
        (SafeTensorsDType.UInt8, "U8", 1),
        (SafeTensorsDType.Int8, "I8", 1),
        (SafeTensorsDType.Float8E5M2, "F8_E5M2", 1),
        (SafeTensorsDType.Float8E4M3, "F8_E4M3", 1),
        (SafeTensorsDType.Int16, "I16", 2),
        (SafeTensorsDType.UInt16, "U16", 2),
        (SafeTensorsDType.Float16, "F16", 2),
        (SafeTensorsDType.BFloat16, "BF16", 2),
        (SafeTensorsDType.Int32, "I32", 4),
        (SafeTensorsDType.UInt32, "U32", 4),
        (SafeTensorsDType.Float32, "F32", 4),
        (SafeTensorsDType.Float64, "F64", 8),
        (SafeTensorsDType.Int64, "I64", 8),
        (SafeTensorsDType.UInt64, "U64", 8),
    ];

    private static readonly Dictionary<string, SafeTensorsDType> ByName =
        Table.ToDictionary(row => row.Name, row => row.DType, StringComparer.Ordinal);

    /// <summary>Every header name, in the order of the enum.</summary>
    public static IEnumerable<string> Names => Table.Select(row => row.Name);

    /// <summary>The name the header uses, e.g. "F32".</summary>
    public static string HeaderName(this SafeTensorsDType dtype) => Table[(int)dtype].Name;

    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this SafeTensorsDType dtype) => Table[(int)dtype].Size;

    public static bool TryParse(string headerName, out SafeTensorsDType dtype) => ByName.TryGetValue(headerName, out dtype);
}
