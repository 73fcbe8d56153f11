using System.Text.Json;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Json;

namespace Recsys.Silo.Tests.Support;

internal static class Sample
{
    public static string Id(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static UserEvent Event(string userId, string itemId, EventType type = EventType.View, string? eventId = null) => new()
    {
        EventId = eventId ?? Id("e"),
        UserId = userId,
        ItemId = itemId,
        Type = type,
        Timestamp = DateTimeOffset.UtcNow.AddMinutes(-5),
        Location = "France",
        Device = "mobile",
    };

    public static ItemInfo Item(string itemId, string title = "Blue mug", double? price = 4.5) =>
        new() { Id = itemId, Title = title, Price = price, Category = "kitchen" };

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, RecsysJson.Options);

    public static string Ndjson<T>(IEnumerable<T> values) => string.Join("\n", values.Select(Json)) + "\n";
}
