namespace Vital.Introspection;

/// <summary>A connection's <c>error_details</c>.</summary>
public sealed record ConnectionError
{
    public required ConnectionErrorType Type { get; init; }

    /// <summary>The provider's or Vital's words, verbatim (shortened when very long).</summary>
    public string? Message { get; init; }

    public DateTimeOffset? ErroredAt { get; init; }
}
