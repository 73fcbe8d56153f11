namespace Recsys.Model.Checkpoints;

/// <summary>A weight read from a checkpoint: its shape and its elements, row-major, as 32-bit floats.</summary>
public sealed record CheckpointTensor(IReadOnlyList<long> Shape, float[] Values);
