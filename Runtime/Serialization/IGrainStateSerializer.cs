namespace Recsys.Runtime.Serialization;

/// <summary>Turns grain state into bytes and back. Must be deterministic (equal states give equal
/// bytes) and tolerant of schema evolution (a reader with added or removed fields still reads).</summary>
public interface IGrainStateSerializer
{
    byte[] Serialize<T>(T value);

    T Deserialize<T>(ReadOnlySpan<byte> payload);
}
