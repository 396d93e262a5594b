using System.Text.Json.Serialization;

namespace Vital.Introspection;

/// <summary>Why a pull is retrying or failed (since May 2025, on newer connections). Open.</summary>
[JsonConverter(typeof(OpenStringJsonConverter<PullErrorDetails>))]
public readonly record struct PullErrorDetails : IOpenString<PullErrorDetails>
{
    private readonly string? _value;

    public PullErrorDetails(string value) => _value = value;

    public string Value => _value ?? string.Empty;

    // Retriable: Vital retries by itself.
    public static PullErrorDetails ProviderRateLimitExceeded { get; } = new("provider_rate_limit_exceeded");
    public static PullErrorDetails ProviderUnavailable { get; } = new("provider_unavailable");
    public static PullErrorDetails TransportFailure { get; } = new("transport_failure");
    public static PullErrorDetails ResourceContention { get; } = new("resource_contention");

    // Permanent: someone at Vital has to look.
    public static PullErrorDetails NonRetriableError { get; } = new("non_retriable_error");
    public static PullErrorDetails UnexpectedError { get; } = new("unexpected_error");
    public static PullErrorDetails RetryQuotaExhausted { get; } = new("retry_quota_exhausted");

    public static IReadOnlyList<PullErrorDetails> Retriable { get; } =
        [ProviderRateLimitExceeded, ProviderUnavailable, TransportFailure, ResourceContention];

    public static IReadOnlyList<PullErrorDetails> Permanent { get; } =
        [NonRetriableError, UnexpectedError, RetryQuotaExhausted];

    public bool IsRetriable => Retriable.Contains(this);

    public bool IsPermanent => Permanent.Contains(this);

    public bool IsKnown => IsRetriable || IsPermanent;

    public static PullErrorDetails From(string value) => new(value);

    public bool Equals(PullErrorDetails other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}
