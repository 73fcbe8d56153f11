using System.Text.Json.Serialization;

namespace Recsys.Model.Evaluation;

/// <summary>A method's metrics averaged over the test cases (NewRecall over the cases with new items).</summary>
public sealed record MethodResult
{
    public required string Name { get; init; }

    [JsonPropertyName("hr@10")]
    public required double HitRate { get; init; }

    [JsonPropertyName("recall@10")]
    public required double Recall { get; init; }

    [JsonPropertyName("ndcg@10")]
    public required double Ndcg { get; init; }

    /// <summary>Null when no test case has an item new to its customer.</summary>
    [JsonPropertyName("new_recall@10")]
    public required double? NewRecall { get; init; }

    /// <summary>Wall time of ranking and scoring all test cases.</summary>
    public required double Seconds { get; init; }
}
