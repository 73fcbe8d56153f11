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

    /// <summary>Applies these conventions to <paramref name="options"/> (ASP.NET Core's, the state serializer's).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.RespectNullableAnnotations = true;
        options.WriteIndented = false;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new OffsetTimestampConverter());
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions();
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
