namespace Recsys.Model.Checkpoints;

/// <summary>A tensor to write to a safetensors file: its elements as raw little-endian, row-major bytes.</summary>
public sealed record SafeTensorsData(string Name, SafeTensorsDType DType, IReadOnlyList<long> Shape, ReadOnlyMemory<byte> Data);
