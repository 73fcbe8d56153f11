using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Json;
using Recsys.Grains.Interfaces.Validation;

namespace Recsys.Silo.Apis;

/// <summary>The query string of a recommendation request. Values are taken as text and parsed here so
/// that a bad one is reported by parameter name rather than as a bare 400.</summary>
internal sealed class RecommendationQuery
{
    /// <summary>How many items (1 to 200, default 10).</summary>
    [FromQuery(Name = "k")]
    public string? K { get; init; }

    /// <summary>Country or region of the scene, e.g. France.</summary>
    [FromQuery(Name = "location")]
    public string? Location { get; init; }

    /// <summary>The moment to recommend for, ISO-8601 (e.g. 2024-05-01T10:00:00Z; write + in an offset as %2B). Default: now.</summary>
    [FromQuery(Name = "at")]
    public string? At { get; init; }

    /// <summary>Active promotion ids; repeat the parameter or separate with commas.</summary>
    [FromQuery(Name = "promotion")]
    public string[]? Promotion { get; init; }

    /// <summary>Device class, e.g. mobile.</summary>
    [FromQuery(Name = "device")]
    public string? Device { get; init; }

    /// <summary>Item ids to leave out; repeat the parameter or separate with commas.</summary>
    [FromQuery(Name = "exclude")]
    public string[]? Exclude { get; init; }

    /// <summary>Only items of this catalog category (ignoring case).</summary>
    [FromQuery(Name = "category")]
    public string? Category { get; init; }

    /// <summary>true: only items on promotion in the scene (default false).</summary>
    [FromQuery(Name = "promoted")]
    public string? Promoted { get; init; }

    /// <summary>false: leave out the items the user bought before (default true).</summary>
    [FromQuery(Name = "repeats")]
    public string? Repeats { get; init; }

    /// <summary>The request, or every problem found (field names are the parameter names).</summary>
    public (RecommendationRequest Request, List<FieldError> Errors) ToRequest()
    {
        List<FieldError> errors = [];
        var count = ParseCount(K, new RecommendationRequest().Count, RecommendationRequest.MaxCount, errors);
        var at = ParseAt(At, errors);
        var promotions = Split(Promotion);
        var request = new RecommendationRequest
        {
            Count = count,
            At = at,
            Location = NullIfEmpty(Location),
            Device = NullIfEmpty(Device),
            PromotionIds = promotions.Count == 0 ? null : promotions,
            ExcludeItemIds = Split(Exclude),
            Category = NullIfEmpty(Category),
            PromotedOnly = ParseFlag("promoted", Promoted, false, errors),
            Repeats = ParseFlag("repeats", Repeats, true, errors),
        };
        AddUnreported(errors, ContractValidator.Validate(request).Select(e => e with { Field = ParameterName(e.Field) }));
        return (request, errors);
    }

    /// <summary>The "k" parameter: <paramref name="fallback"/> when absent; an error when not an integer.</summary>
    public static int ParseCount(string? k, int fallback, int max, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(k))
        {
            return fallback;
        }
        if (int.TryParse(k, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
        {
            return count;
        }
        errors.Add(new("k", $"must be an integer between 1 and {max}."));
        return fallback;
    }

    /// <summary>A true/false parameter: <paramref name="fallback"/> when absent; an error when it is neither.</summary>
    private static bool ParseFlag(string name, string? value, bool fallback, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }
        if (bool.TryParse(value, out var flag))
        {
            return flag;
        }
        errors.Add(new(name, "must be true or false."));
        return fallback;
    }

    /// <summary>The "at" parameter: null when absent; an error when it is not a timestamp with an offset.</summary>
    public static DateTimeOffset? ParseAt(string? at, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(at))
        {
            return null;
        }
        if (OffsetTimestampConverter.TryParse(at, out var parsed))
        {
            return parsed;
        }
        errors.Add(new("at", $"must be {OffsetTimestampConverter.Expectation} (write + in an offset as %2B)."));
        return null;
    }

    /// <summary>Adds the contract's errors for fields that parsed: one that did not is already reported.</summary>
    public static void AddUnreported(List<FieldError> parseErrors, IEnumerable<FieldError> contractErrors) =>
        parseErrors.AddRange(contractErrors.Where(e => parseErrors.All(parseError => parseError.Field != e.Field)).ToList());

    /// <summary>The query parameter of a contract field: "excludeItemIds[2]" → "exclude[2]".</summary>
    private static string ParameterName(string field)
    {
        foreach (var (member, parameter) in ParameterNames)
        {
            if (field.StartsWith(member, StringComparison.Ordinal))
            {
                return parameter + field[member.Length..];
            }
        }
        return field;
    }

    private static readonly (string Member, string Parameter)[] ParameterNames =
        [("count", "k"), ("excludeItemIds", "exclude"), ("promotionIds", "promotion"), ("promotedOnly", "promoted")];

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static List<string> Split(string[]? values) =>
        values is null ? [] : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
