namespace Vital.Introspection;

/// <summary>What went wrong when asking Vital, in the terms a support person acts on.</summary>
public enum VitalErrorKind
{
    /// <summary>401: Vital did not accept the API key.</summary>
    Unauthorized,

    /// <summary>403: the key is valid but may not read this.</summary>
    Forbidden,

    /// <summary>404: the endpoint (or base URL) is wrong.</summary>
    NotFound,

    /// <summary>422 (or 400): Vital rejected the request's parameters; <see cref="VitalApiException.ValidationErrors"/> says which.</summary>
    Validation,

    /// <summary>429 after every retry.</summary>
    RateLimited,

    /// <summary>5xx after every retry, or the circuit breaker is open.</summary>
    Unavailable,

    /// <summary>No answer within the configured time.</summary>
    Timeout,

    /// <summary>An answer that is not the documented JSON (an HTML error page from a proxy, for instance).</summary>
    MalformedResponse,

    /// <summary>Vital could not be reached at all (DNS, connection refused, TLS).</summary>
    Network,
}

/// <summary>One entry of a FastAPI validation answer: <c>{"loc": [...], "msg": "...", "type": "..."}</c>.</summary>
public sealed record VitalValidationError(string Location, string Message, string? Type);

/// <summary>
/// The one error type of <see cref="IVitalIntrospectionClient"/>. Its message is written for a support person
/// and never contains the API key or a whole upstream body.
/// </summary>
public sealed class VitalApiException : Exception
{
    public VitalApiException(
        VitalErrorKind kind,
        string message,
        int? statusCode = null,
        IReadOnlyList<VitalValidationError>? validationErrors = null,
        string? upstreamDetail = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        ValidationErrors = validationErrors ?? [];
        UpstreamDetail = upstreamDetail;
        RetryAfter = retryAfter;
    }

    public VitalErrorKind Kind { get; }

    /// <summary>The upstream's HTTP status, when there was an answer.</summary>
    public int? StatusCode { get; }

    /// <summary>The FastAPI validation entries of a 422.</summary>
    public IReadOnlyList<VitalValidationError> ValidationErrors { get; }

    /// <summary>The upstream's <c>detail</c> text, shortened, when it sent one.</summary>
    public string? UpstreamDetail { get; }

    /// <summary>What the upstream's <c>Retry-After</c> asked for, on 429/503.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether asking again later may help (rate limits, outages, time-outs, network trouble).</summary>
    public bool IsTransient => Kind is VitalErrorKind.RateLimited or VitalErrorKind.Unavailable
        or VitalErrorKind.Timeout or VitalErrorKind.Network;
}
