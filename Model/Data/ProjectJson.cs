using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recsys.Model.Data;

/// <summary>JSON settings of the project's data files: camelCase, nulls left out, numbers only as JSON
/// numbers, and nulls refused where the type says non-null.</summary>
public static class ProjectJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
    };
}
