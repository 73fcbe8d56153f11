using Microsoft.AspNetCore.Http.HttpResults;
using Recsys.Grains.Interfaces.Validation;

namespace Recsys.Silo.Infrastructure;

/// <summary>The API's error responses: application/problem+json with title, status, detail and an
/// <c>errors</c> map (field → messages) that is present, possibly empty, on every one.</summary>
internal static class Problems
{
    /// <summary>The key in <c>errors</c> for problems with the request body as a whole.</summary>
    public const string BodyField = "body";

    public static ProblemHttpResult Invalid(IEnumerable<FieldError> errors, string? detail = null) =>
        Create(StatusCodes.Status400BadRequest, "One or more fields are invalid",
            detail ?? "Nothing was stored. Fix the fields listed in 'errors' and send the request again.", errors);

    public static ProblemHttpResult Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    /// <summary>The problem with an id taken from the URL, or null when it is valid.</summary>
    public static ProblemHttpResult? ForInvalidId(string id, string field) =>
        ContractValidator.ValidateId(id, field) is { Count: > 0 } errors ? Invalid(errors) : null;

    public static ProblemHttpResult NotFound(string field, string detail) =>
        Create(StatusCodes.Status404NotFound, "Not found", detail, [new FieldError(field, "is not known.")]);

    public static ProblemHttpResult TooLarge(string detail) => TypedResults.Problem(TooLargeDetails(detail));

    public static HttpValidationProblemDetails TooLargeDetails(string detail) =>
        Details(StatusCodes.Status413PayloadTooLarge, "The request is too large", detail, [new FieldError(BodyField, detail)]);

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", detail, [new FieldError(BodyField, detail)]);

    public static ProblemHttpResult Create(int status, string title, string detail, IEnumerable<FieldError> errors) =>
        TypedResults.Problem(Details(status, title, detail, errors));

    public static HttpValidationProblemDetails Details(int status, string title, string detail, IEnumerable<FieldError> errors) =>
        new(errors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray(), StringComparer.Ordinal))
        {
            Status = status,
            Title = title,
            Detail = detail,
        };
}
