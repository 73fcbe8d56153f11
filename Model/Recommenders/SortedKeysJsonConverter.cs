using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recsys.Model.Serialization;

/// <summary>Writes a <see cref="Dictionary{TKey, TValue}"/> with its keys sorted (ordinal for strings),
/// nested dictionaries too, so equal states serialize to equal JSON whatever order they were built in.
/// Reading is the default. Apply it to properties with <see cref="JsonConverterAttribute"/>.</summary>
public sealed class SortedKeysJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Dictionary<,>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(
            typeof(SortedDictionaryConverter<,>).MakeGenericType(typeToConvert.GetGenericArguments()), this)!;

    private sealed class SortedDictionaryConverter<TKey, TValue>(SortedKeysJsonConverter factory)
        : JsonConverter<Dictionary<TKey, TValue>>
        where TKey : notnull
    {
        private static readonly IComparer<TKey> KeyOrder =
            typeof(TKey) == typeof(string) ? (IComparer<TKey>)StringComparer.Ordinal : Comparer<TKey>.Default;

        private readonly JsonConverter<TValue>? nestedDictionaryConverter = factory.CanConvert(typeof(TValue))
            ? (JsonConverter<TValue>)factory.CreateConverter(typeof(TValue), JsonSerializerOptions.Default)
            : null;

        public override Dictionary<TKey, TValue>? Read(ref Utf8JsonReader reader, Type typeToConvert,
            JsonSerializerOptions options) => JsonSerializer.Deserialize<Dictionary<TKey, TValue>>(ref reader, options);

        public override void Write(Utf8JsonWriter writer, Dictionary<TKey, TValue> value, JsonSerializerOptions options)
        {
            var keyConverter = (JsonConverter<TKey>)options.GetConverter(typeof(TKey));
            var keys = value.Keys.ToArray();
            Array.Sort(keys, KeyOrder);
            writer.WriteStartObject();
            foreach (var key in keys)
            {
                keyConverter.WriteAsPropertyName(writer, key, options);
                if (nestedDictionaryConverter is null)
                {
                    JsonSerializer.Serialize(writer, value[key], options);
                }
                else
                {
                    nestedDictionaryConverter.Write(writer, value[key], options);
                }
            }

            writer.WriteEndObject();
        }
    }
}
