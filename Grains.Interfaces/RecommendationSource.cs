using System.Text.Json.Serialization;

namespace Recsys.Grains.Interfaces;

/// <summary>Which strategy contributed most to an item's score.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecommendationSource>))]
[GenerateSerializer]
[Alias("recsys.RecommendationSource")]
public enum RecommendationSource
{
    [JsonStringEnumMemberName("repeat")]
    Repeat,

    [JsonStringEnumMemberName("recently-viewed")]
    RecentlyViewed,

    [JsonStringEnumMemberName("co-occurrence")]
    CoOccurrence,

    [JsonStringEnumMemberName("popular-in-location")]
    PopularInLocation,

    [JsonStringEnumMemberName("popular")]
    Popular,

    [JsonStringEnumMemberName("promotion")]
    Promotion,

    [JsonStringEnumMemberName("model")]
    Model,

    [JsonStringEnumMemberName("popular-on-device")]
    PopularOnDevice,
}
