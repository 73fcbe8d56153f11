using Recsys.Grains.Interfaces.Validation;

namespace Recsys.Client;

/// <summary>The service refused a request or could not be reached. <see cref="StatusCode"/>,
/// <see cref="Title"/> and <see cref="Detail"/> come from the problem response, when there was one.</summary>
public class RecsysClientException(string message, int? statusCode = null, string? title = null, string? detail = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    public int? StatusCode { get; } = statusCode;

    public string? Title { get; } = title;

    public string? Detail { get; } = detail;
}

/// <summary>The request breaks the contract: <see cref="Errors"/> lists every invalid field, found here
/// before sending (no status code) or by the service (400). Nothing of the refused request was stored.</summary>
public sealed class RecsysValidationException(IReadOnlyList<FieldError> errors, int? statusCode = null, string? title = null, string? detail = null)
    : RecsysClientException(Describe(errors), statusCode, title, detail)
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;

    private static string Describe(IReadOnlyList<FieldError> errors)
    {
        const int shown = 5;
        var listed = string.Join("; ", errors.Take(shown).Select(e => $"{e.Field} {e.Message}"));
        return errors.Count > shown ? $"Invalid request: {listed}; and {errors.Count - shown} more." : $"Invalid request: {listed}";
    }
}

/// <summary>404: the user or item is not known.</summary>
public sealed class RecsysNotFoundException(string message, string? title = null, string? detail = null)
    : RecsysClientException(message, 404, title, detail);

/// <summary>413: the request is over the service's size limits; send smaller batches.</summary>
public sealed class RecsysPayloadTooLargeException(string message, string? title = null, string? detail = null)
    : RecsysClientException(message, 413, title, detail);

/// <summary>The service could not answer: connection refused, a timeout, 503 or 504. Retrying later
/// may succeed (and is safe for events: duplicates are dropped).</summary>
public sealed class RecsysUnavailableException(string message, int? statusCode = null, string? title = null, string? detail = null, Exception? innerException = null)
    : RecsysClientException(message, statusCode, title, detail, innerException);
