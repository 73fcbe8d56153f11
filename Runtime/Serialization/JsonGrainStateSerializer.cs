using System.Text.Json;

namespace Recsys.Runtime.Serialization;

/// <summary>Grain state as UTF-8 JSON with <see cref="RecsysJson.Options"/>. Properties are written
/// in declaration order; state classes keep keyed collections sorted (SortedDictionary, sorted
/// lists) so that equal states serialize to equal bytes.</summary>
public sealed class JsonGrainStateSerializer : IGrainStateSerializer
{
    public byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, RecsysJson.Options);

    public T Deserialize<T>(ReadOnlySpan<byte> payload) =>
        JsonSerializer.Deserialize<T>(payload, RecsysJson.Options)
        ?? throw new JsonException($"Stored state of type {typeof(T).Name} is the JSON literal null.");
}
