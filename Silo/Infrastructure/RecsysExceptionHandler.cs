using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Storage;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Silo.Options;

namespace Recsys.Silo.Infrastructure;

/// <summary>Turns exceptions into problem responses: a grain's contract violation 400 with its fields,
/// Kestrel's body limits 413, grain call timeouts and concurrent state writes 504, an unavailable silo
/// 503; anything else 500 without internals.</summary>
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
            ContractViolationException violation => Problems.Details(StatusCodes.Status400BadRequest, "One or more fields are invalid",
                "Nothing was stored. Fix the fields listed in 'errors' and send the request again.", violation.Errors),
            TimeoutException or InconsistentStateException => Problems.Details(StatusCodes.Status504GatewayTimeout, "The service did not answer in time",
                "A grain call timed out or met a concurrent write; the request may or may not have taken effect. Retrying is safe for events.", []),
            ServiceOverloadedException overloaded => Problems.Details(StatusCodes.Status503ServiceUnavailable,
                "The service is overloaded", $"{overloaded.Message}.", []),
            SiloUnavailableException or OrleansMessageRejectionException => Problems.Details(StatusCodes.Status503ServiceUnavailable,
                "The service is unavailable", "A silo could not be reached. Retry later.", []),
            _ => Problems.Details(StatusCodes.Status500InternalServerError, "An unexpected error occurred",
                "The error was logged; see the trace id.", []),
        };
        LogOutcome(request, exception, details.Status!.Value);
        context.Response.StatusCode = details.Status.Value;
        if (exception is ServiceOverloadedException)
        {
            context.Response.Headers.RetryAfter = "1";
        }
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

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
