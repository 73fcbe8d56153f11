using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recsys.Grains.Interfaces.Json;

/// <summary>Reads only ISO-8601 timestamps that carry their UTC offset ("Z" or "±hh:mm"): the offset is the event's
/// local time zone, and one the sender left out would otherwise be taken from the server's zone.</summary>
public sealed class OffsetTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Expectation = "an ISO-8601 date and time with its UTC offset, e.g. 2024-05-01T10:00:00Z or 2024-05-01T12:00:00+02:00";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && TryParse(reader.GetString()!, out var value)
            ? value
            : throw new JsonException($"Expected {Expectation}.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>The same rule for timestamps outside JSON (a query string's <c>at</c>).</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        var time = text.IndexOf('T', StringComparison.Ordinal);
        var hasOffset = time > 0 && (text.EndsWith('Z') || text.IndexOfAny(['+', '-'], time) > 0);
        value = default;
        return hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}
