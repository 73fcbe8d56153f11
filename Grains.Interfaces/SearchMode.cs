using System.Text.Json.Serialization;

namespace Recsys.Grains.Interfaces;

/// <summary>How search finds items.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SearchMode>))]
[GenerateSerializer]
[Alias("recsys.SearchMode")]
public enum SearchMode
{
    /// <summary>Keyword matches and the served model's semantic matches, fused by rank; keyword alone without a model.</summary>
    [JsonStringEnumMemberName("hybrid")]
    Hybrid,

    /// <summary>BM25 over titles only.</summary>
    [JsonStringEnumMemberName("keyword")]
    Keyword,

    /// <summary>The served model's text vectors only; nothing without a model.</summary>
    [JsonStringEnumMemberName("semantic")]
    Semantic,
}
