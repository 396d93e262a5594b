namespace Vital.Introspection;

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
