using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recsys.Grains.Interfaces.Json;

/// <summary>The JSON settings used for grain state and for messages that leave the process: camelCase
/// names, enums as strings, unknown members skipped (old readers accept newer payloads) and missing
/// members left at their initialiser defaults (new readers accept older payloads), and null refused
/// where the type says non-null.</summary>
public static class RecsysJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            NumberHandling = JsonNumberHandling.Strict,
            RespectNullableAnnotations = true,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
