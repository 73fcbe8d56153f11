using System.Text.Json.Serialization;

namespace Recsys.Grains.Interfaces;

/// <summary>What a user did with an item, from weakest to strongest signal.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EventType>))]
[GenerateSerializer]
[Alias("recsys.EventType")]
public enum EventType
{
    [JsonStringEnumMemberName("view")]
    View,

    [JsonStringEnumMemberName("click")]
    Click,

    [JsonStringEnumMemberName("cart")]
    Cart,

    [JsonStringEnumMemberName("purchase")]
    Purchase,
}
