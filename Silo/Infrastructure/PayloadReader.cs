using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Grains.Interfaces.Json;

namespace Recsys.Silo.Infrastructure;

/// <summary>Where an entry of a request body is; names its fields in error messages
/// (<c>events[3].timestamp</c>, <c>line 4: timestamp</c>, <c>title</c>).</summary>
internal readonly record struct EntryLocation(string Entry, string FieldPrefix)
{
    public static EntryLocation Body { get; } = new(Problems.BodyField, "");

    public static EntryLocation InArray(string collection, int index) => new($"{collection}[{index}]", $"{collection}[{index}].");

    public static EntryLocation OnLine(long line) => new($"line {line}", $"line {line}: ");

    public string Field(string name) => FieldPrefix + name;
}

/// <summary>One entry of a request body. Required members that were absent are listed in
/// <see cref="MissingFields"/> (and already reported) instead of failing the read, so that every other
/// problem of the entry can be reported too.</summary>
internal sealed record PayloadEntry<T>(T Value, EntryLocation Location, IReadOnlySet<string> MissingFields);

/// <summary>What <see cref="PayloadReader"/> read: the entries, the problems found while reading them,
/// or a rejection of the body as a whole.</summary>
internal sealed class Payload<T>
{
    public List<PayloadEntry<T>> Entries { get; } = [];

    public List<FieldError> Errors { get; } = [];

    public ProblemHttpResult? Rejection { get; private init; }

    public IReadOnlyList<T> Values => [.. Entries.Select(e => e.Value)];

    public static Payload<T> Rejected(ProblemHttpResult rejection) => new() { Rejection = rejection };

    /// <summary>Runs <paramref name="validate"/> (field names relative to the entry) over every entry.</summary>
    /// <returns>The problem to answer with, listing every invalid field; null when all is valid.</returns>
    public ProblemHttpResult? Check(Func<T, List<FieldError>> validate)
    {
        if (Rejection is not null)
        {
            return Rejection;
        }
        var errors = Errors.Concat(Entries.SelectMany(entry => validate(entry.Value)
                .Where(error => !entry.MissingFields.Contains(error.Field))
                .Select(error => error with { Field = entry.Location.Field(error.Field) })))
            .ToList();
        return errors.Count == 0 ? null : Problems.Invalid(errors);
    }
}

/// <summary>Reads request bodies strictly (no comments, trailing commas, NaN or numbers in strings)
/// with the service's JSON conventions (<see cref="RecsysJson"/>), reporting where each problem is.
/// Batches come as a JSON array or as NDJSON, one entry per line.</summary>
internal static class PayloadReader
{
    public const string NdjsonMediaType = "application/x-ndjson";

    private static readonly string[] NdjsonMediaTypes = [NdjsonMediaType, "application/ndjson", "application/jsonl"];

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>The service's settings except that required members may be absent: their absence is
    /// reported per field by <see cref="ReadEntry{T}"/> rather than as one exception.</summary>
    private static readonly JsonSerializerOptions Lenient = CreateLenient();

    public static async Task<Payload<T>> ReadBatch<T>(HttpRequest request, string collection, int maxEntries, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
        {
            return Payload<T>.Rejected(Problems.Invalid(Problems.BodyField, $"holds no {collection}."));
        }
        if (IsNdjson(request))
        {
            return await ReadLines<T>(request.BodyReader, collection, maxEntries, cancellationToken);
        }
        if (!request.HasJsonContentType())
        {
            return Payload<T>.Rejected(Problems.UnsupportedMediaType(
                $"Send {collection} as application/json (an array) or application/x-ndjson (one per line), not {Stated(request)}."));
        }
        using var document = await Parse(request, cancellationToken);
        if (document.Rejection is not null)
        {
            return Payload<T>.Rejected(document.Rejection);
        }
        var root = document.Json!.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            return Payload<T>.Rejected(Problems.Invalid(Problems.BodyField,
                $"must be a JSON array of {collection}, or NDJSON (one per line) with Content-Type application/x-ndjson."));
        }
        var count = root.GetArrayLength();
        if (count == 0)
        {
            return Payload<T>.Rejected(Problems.Invalid(Problems.BodyField, $"holds no {collection}."));
        }
        if (count > maxEntries)
        {
            return Payload<T>.Rejected(TooMany(collection, maxEntries, $"this one has {count}"));
        }
        var payload = new Payload<T>();
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            ReadEntry(payload, element, EntryLocation.InArray(collection, index++), []);
        }
        return payload;
    }

    /// <summary>Reads one JSON object. Members named in <paramref name="optionalMembers"/> may be
    /// absent although the contract requires them (the caller supplies them, e.g. from the URL).</summary>
    public static async Task<Payload<T>> ReadOne<T>(HttpRequest request, CancellationToken cancellationToken, params string[] optionalMembers)
    {
        if (request.ContentLength == 0)
        {
            return Payload<T>.Rejected(Problems.Invalid(Problems.BodyField, "is empty; expected a JSON object."));
        }
        if (!request.HasJsonContentType())
        {
            return Payload<T>.Rejected(Problems.UnsupportedMediaType($"Send a JSON object as application/json, not {Stated(request)}."));
        }
        using var document = await Parse(request, cancellationToken);
        if (document.Rejection is not null)
        {
            return Payload<T>.Rejected(document.Rejection);
        }
        var payload = new Payload<T>();
        ReadEntry(payload, document.Json!.RootElement, EntryLocation.Body, optionalMembers);
        return payload;
    }

    private static bool IsNdjson(HttpRequest request) =>
        MediaType(request) is { } mediaType && NdjsonMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase);

    private static string Stated(HttpRequest request) => request.ContentType is { } type ? type : "a body without Content-Type";

    private static string? MediaType(HttpRequest request) =>
        request.ContentType?.Split(';', 2)[0].Trim();

    private sealed record ParsedDocument(JsonDocument? Json, ProblemHttpResult? Rejection) : IDisposable
    {
        public void Dispose() => Json?.Dispose();
    }

    private static async Task<ParsedDocument> Parse(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return new(await JsonDocument.ParseAsync(request.Body, DocumentOptions, cancellationToken), null);
        }
        catch (JsonException e)
        {
            return new(null, Problems.Invalid(Problems.BodyField, $"is not valid JSON {PositionOf(e, withLine: true)}."));
        }
    }

    private static async Task<Payload<T>> ReadLines<T>(PipeReader body, string collection, int maxEntries, CancellationToken cancellationToken)
    {
        var payload = new Payload<T>();
        long lineNumber = 0;
        var entries = 0;
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            while (TryTakeLine(ref buffer, read.IsCompleted, out var line))
            {
                lineNumber++;
                if (IsBlank(line))
                {
                    continue;
                }
                if (++entries > maxEntries)
                {
                    body.AdvanceTo(buffer.Start, buffer.End);
                    return Payload<T>.Rejected(TooMany(collection, maxEntries, $"line {lineNumber} is entry {entries}"));
                }
                ReadLine(payload, line, lineNumber);
            }
            body.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }
        return entries == 0 ? Payload<T>.Rejected(Problems.Invalid(Problems.BodyField, $"holds no {collection}.")) : payload;
    }

    private static void ReadLine<T>(Payload<T> payload, ReadOnlySequence<byte> line, long lineNumber)
    {
        var location = EntryLocation.OnLine(lineNumber);
        try
        {
            using var document = JsonDocument.Parse(line, DocumentOptions);
            ReadEntry(payload, document.RootElement, location, []);
        }
        catch (JsonException e)
        {
            payload.Errors.Add(new(location.Entry, $"is not valid JSON {PositionOf(e, withLine: false)}."));
        }
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, bool isFinal, out ReadOnlySequence<byte> line)
    {
        if (buffer.PositionOf((byte)'\n') is { } newline)
        {
            line = buffer.Slice(0, newline);
            buffer = buffer.Slice(buffer.GetPosition(1, newline));
            return true;
        }
        if (isFinal && !buffer.IsEmpty)
        {
            line = buffer;
            buffer = buffer.Slice(buffer.End);
            return true;
        }
        line = default;
        return false;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            if (segment.Span.IndexOfAnyExcept(" \t\r"u8) >= 0)
            {
                return false;
            }
        }
        return true;
    }

    private static void ReadEntry<T>(Payload<T> payload, JsonElement element, EntryLocation location, IReadOnlyCollection<string> optionalMembers)
    {
        try
        {
            ReadObject(payload, element, location, optionalMembers);
        }
        catch (InvalidOperationException)
        {
            // What JsonElement throws for a name or string that escapes half of a UTF-16 pair (found by fuzzing).
            payload.Errors.Add(new(location.Entry, "holds a name or string that is not valid Unicode (an escaped lone surrogate such as \\ud800)."));
        }
    }

    private static void ReadObject<T>(Payload<T> payload, JsonElement element, EntryLocation location, IReadOnlyCollection<string> optionalMembers)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            payload.Errors.Add(new(location.Entry, "must be a JSON object."));
            return;
        }
        var contract = RecsysJson.Options.GetTypeInfo(typeof(T));
        var missing = contract.Properties
            .Where(p => p.IsRequired && !optionalMembers.Contains(p.Name) && !HasMember(element, p.Name))
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);
        payload.Errors.AddRange(missing.Select(name => new FieldError(location.Field(name), "is required.")));
        try
        {
            payload.Entries.Add(new(element.Deserialize<T>(Lenient)!, location, missing));
        }
        catch (JsonException)
        {
            // The serializer stops at the first bad member: check each one to report them all.
            var memberErrors = MemberErrors(element, contract, location).ToList();
            payload.Errors.AddRange(memberErrors.Count > 0 ? memberErrors : [new(location.Entry, "does not match the contract.")]);
        }
    }

    // Member names match case-insensitively, as the serializer's web defaults do.
    private static bool HasMember(JsonElement element, string name) =>
        element.EnumerateObject().Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<FieldError> MemberErrors(JsonElement element, JsonTypeInfo contract, EntryLocation location)
    {
        foreach (var member in element.EnumerateObject())
        {
            var property = contract.Properties.FirstOrDefault(p => string.Equals(p.Name, member.Name, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                continue;
            }
            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                if (!property.IsSetNullable)
                {
                    yield return new(location.Field(property.Name), "is required.");
                }
                continue;
            }
            if (!Fits(member.Value, property.PropertyType))
            {
                yield return new(location.Field(property.Name), $"must be {Describe(property.PropertyType)}.");
            }
        }
    }

    private static bool Fits(JsonElement value, Type type)
    {
        try
        {
            value.Deserialize(type, Lenient);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Describe(Type declared)
    {
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        return type switch
        {
            _ when type == typeof(string) => "a string",
            _ when type == typeof(int) || type == typeof(long) => "an integer",
            _ when type == typeof(double) => "a finite number",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(DateTimeOffset) => OffsetTimestampConverter.Expectation,
            { IsEnum: true } => "one of " + string.Join(", ", Enum.GetValues(type).Cast<object>()
                .Select(value => JsonSerializer.Serialize(value, type, RecsysJson.Options).Trim('"'))),
            _ when type.IsAssignableTo(typeof(IEnumerable<string>)) => "an array of strings",
            _ => $"a valid {type.Name}",
        };
    }

    private static ProblemHttpResult TooMany(string collection, int maxEntries, string actual) =>
        Problems.TooLarge($"A request may carry at most {maxEntries} {collection} ({actual}); split it into smaller batches.");

    /// <summary>Where the reader stopped, one-based, from the exception's structured position (its message
    /// text differs between .NET versions and is not parsed).</summary>
    private static string PositionOf(JsonException e, bool withLine)
    {
        var line = withLine && e.LineNumber is { } number ? $"line {number + 1}, " : "";
        var position = e.BytePositionInLine is { } bytes ? $"at {line}byte {bytes + 1}" : "at an unknown position";
        return string.IsNullOrEmpty(e.Path) || e.Path == "$" ? position : $"{position} (in {e.Path})";
    }

    private static JsonSerializerOptions CreateLenient()
    {
        var options = new JsonSerializerOptions(RecsysJson.Options)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver
            {
                Modifiers =
                {
                    contract =>
                    {
                        foreach (var property in contract.Properties)
                        {
                            property.IsRequired = false;
                        }
                    },
                },
            },
        };
        options.MakeReadOnly();
        return options;
    }
}
