namespace Recsys.Model.Checkpoints;

/// <summary>One tensor in a safetensors file.</summary>
/// <param name="Begin">Where its bytes start, from the start of the data region (after the header).</param>
/// <param name="End">Where its bytes end (exclusive), from the start of the data region.</param>
public sealed record SafeTensorsEntry(string Name, SafeTensorsDType DType, IReadOnlyList<long> Shape, long Begin, long End)
{
    /// <summary>The product of the shape (1 for a scalar).</summary>
    public long ElementCount => Shape.Aggregate(1L, (product, size) => product * size);

    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}
