using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Runtime;
using Recsys.Silo.Options;

namespace Recsys.Silo.Infrastructure;

/// <summary>Turns exceptions into problem responses: grain timeouts 504, an unavailable silo 503,
/// a grain's ArgumentException 400, Kestrel's body limits 413; anything else 500 without internals.</summary>
internal sealed class RecsysExceptionHandler(
    IProblemDetailsService problemDetails,
    IOptions<HttpApiOptions> httpOptions,
    ILogger<RecsysExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody reads an answer.
            context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return true;
        }
        var details = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problems.TooLargeDetails(TooLargeDetail()),
            BadHttpRequestException bad => Problems.Details(bad.StatusCode, "The request could not be read", bad.Message, []),
            GrainCallTimeoutException => Problems.Details(StatusCodes.Status504GatewayTimeout, "The service did not answer in time",
                "A grain call timed out; the request may or may not have taken effect. Retry later.", []),
            SiloUnavailableException unavailable => Problems.Details(StatusCodes.Status503ServiceUnavailable, "The service is unavailable",
                unavailable.Message, []),
            ArgumentException argument => Problems.Details(StatusCodes.Status400BadRequest, "The request was refused",
                MessageOf(argument), argument.ParamName is { } name ? [new FieldError(name, MessageOf(argument))] : []),
            _ => Problems.Details(StatusCodes.Status500InternalServerError, "An unexpected error occurred",
                "The error was logged; see the trace id.", []),
        };
        LogOutcome(request, exception, details.Status!.Value);
        context.Response.StatusCode = details.Status.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    /// <summary>The message without the " (Parameter 'name')" that ArgumentException appends.</summary>
    private static string MessageOf(ArgumentException argument) =>
        argument.ParamName is { } name ? argument.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : argument.Message;

    private string TooLargeDetail() =>
        $"The request body is larger than {httpOptions.Value.MaxRequestBytes} bytes ({HttpApiOptions.SectionName}:{nameof(HttpApiOptions.MaxRequestBytes)}); split it into smaller batches.";

    // Refusals (4xx) are counted and logged with every other one by the rejection middleware.
    private void LogOutcome(HttpRequest request, Exception exception, int status)
    {
        switch (status)
        {
            case StatusCodes.Status504GatewayTimeout:
                logger.GrainCallTimedOut(request.Method, request.Path, exception);
                break;
            case StatusCodes.Status503ServiceUnavailable:
                logger.SiloUnavailable(request.Method, request.Path, exception.Message);
                break;
            case >= StatusCodes.Status500InternalServerError:
                logger.UnhandledException(request.Method, request.Path, exception);
                break;
        }
    }
}
