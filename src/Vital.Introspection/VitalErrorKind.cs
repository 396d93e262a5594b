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
