using System.Text.Json.Serialization;

namespace Recsys.Grains.Interfaces;

/// <summary>How search finds items.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SearchMode>))]
[GenerateSerializer]
[Alias("recsys.SearchMode")]
public enum SearchMode
{
    /// <summary>BM25 over titles only: the default, as it ranks best on the offline query set (README, "Search").</summary>
    [JsonStringEnumMemberName("keyword")]
    Keyword,

    /// <summary>Keyword matches and the served model's semantic matches, fused by rank; keyword alone without a model.</summary>
    [JsonStringEnumMemberName("hybrid")]
    Hybrid,

    /// <summary>The served model's text vectors only; nothing without a model.</summary>
    [JsonStringEnumMemberName("semantic")]
    Semantic,
}
