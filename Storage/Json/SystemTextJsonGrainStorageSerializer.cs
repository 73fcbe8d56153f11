using System.Text.Json;
using Orleans.Storage;
using Recsys.Grains.Interfaces.Json;

namespace Recsys.Storage.Json;

/// <summary>Grain state as UTF-8 JSON with <see cref="RecsysJson.Options"/>: member names, never .NET type
/// names, so renaming or moving a state class keeps what is stored readable; members added later read as
/// their defaults and members removed are skipped. State classes keep keyed collections in sorted order,
/// so equal states give equal bytes.</summary>
public sealed class SystemTextJsonGrainStorageSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, RecsysJson.Options));

    public T? Deserialize<T>(BinaryData input) =>
        JsonSerializer.Deserialize<T>(input.ToMemory().Span, RecsysJson.Options)
        ?? throw new JsonException($"Stored state of type {typeof(T).Name} is the JSON literal null.");
}
