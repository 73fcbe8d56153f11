using System.Text.Json;

namespace Recsys.Model.Evaluation;

/// <summary>The outcome of an offline evaluation, serializable as JSON.</summary>
public sealed record EvaluationResult
{
    private static readonly JsonSerializerOptions JsonOptions =
        new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Protocol { get; init; } = OfflineEvaluator.Protocol;

    public required DateTimeOffset Cutoff { get; init; }

    public required EvaluationCounts Counts { get; init; }

    /// <summary>In the order they ran.</summary>
    public required IReadOnlyList<MethodResult> Methods { get; init; }

    /// <summary>The split, each fit, and the whole run (ranking times are in <see cref="Methods"/>).</summary>
    public required IReadOnlyList<StageTiming> WallTimes { get; init; }

    /// <exception cref="KeyNotFoundException">No method has this name.</exception>
    public MethodResult Method(string name) =>
        Methods.FirstOrDefault(method => method.Name == name)
        ?? throw new KeyNotFoundException($"no method named {name}");

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
