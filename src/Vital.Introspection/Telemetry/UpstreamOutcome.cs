using System.Net;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Vital.Introspection;

/// <summary>How a call to Vital ended, in a few fixed words an alert can be written against.</summary>
public static class UpstreamOutcome
{
    /// <summary>2xx with data.</summary>
    public const string Success = "success";

    /// <summary>An answer about the request itself (400, 404, 422): a wrong or unknown id, not an outage.</summary>
    public const string ClientError = "client_error";

    /// <summary>401 or 403: the key was refused.</summary>
    public const string Rejected = "rejected";

    /// <summary>429 after the retries.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>5xx after the retries.</summary>
    public const string ServerError = "server_error";

    /// <summary>No answer in time (the resilience time-outs, 408, 504).</summary>
    public const string Timeout = "timeout";

    /// <summary>Vital could not be reached, or the connection broke.</summary>
    public const string Network = "network";

    /// <summary>The circuit breaker refused to ask.</summary>
    public const string CircuitOpen = "circuit_open";

    /// <summary>A redirect (never followed) or a web page instead of data.</summary>
    public const string Malformed = "malformed";

    /// <summary>A success whose body arrived cut off or garbled, after the retries (<see cref="IncompleteBodyException"/>).</summary>
    public const string IncompleteBody = "incomplete_body";

    /// <summary>The caller gave up (a page closed): no verdict on Vital.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Anything else that threw.</summary>
    public const string Error = "error";

    /// <summary>Every outcome, for dashboards and tests.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Success, ClientError, Rejected, RateLimited, ServerError, Timeout, Network, CircuitOpen, Malformed, IncompleteBody, Cancelled, Error];

    /// <summary>Whether the outcome says something is wrong with Vital or the way to it (what an error-rate alert counts).</summary>
    public static bool IsFailure(string outcome) => outcome is not (Success or ClientError or Cancelled);

    public static string Of(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        return response.StatusCode switch
        {
            _ when status is >= 200 and < 300 => response.Content.Headers.ContentType?.MediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true
                ? Malformed
                : Success,
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => Rejected,
            HttpStatusCode.TooManyRequests => RateLimited,
            HttpStatusCode.RequestTimeout or HttpStatusCode.GatewayTimeout => Timeout,
            _ when status is >= 300 and < 400 => Malformed,
            _ when status >= 500 => ServerError,
            _ => ClientError,
        };
    }

    public static string Of(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        BrokenCircuitException => CircuitOpen,
        TimeoutRejectedException => Timeout,
        OperationCanceledException when cancellationToken.IsCancellationRequested => Cancelled,
        OperationCanceledException => Timeout,
        IncompleteBodyException => IncompleteBody,
        HttpRequestException => Network,
        _ => Error,
    };
}
