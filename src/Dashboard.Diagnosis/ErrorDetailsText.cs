using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>What each <c>error_details</c> value means, in words a support person can repeat to a user.</summary>
public static class ErrorDetailsText
{
    public enum Kind
    {
        /// <summary>No value: older connections (before May 2025) never carry one.</summary>
        Missing,

        /// <summary>Vital retries by itself.</summary>
        Retriable,

        /// <summary>Retrying will not fix it.</summary>
        Permanent,

        /// <summary>A value this version does not know.</summary>
        Unknown,
    }

    public static Kind Classify(PullErrorDetails? details) => details switch
    {
        null => Kind.Missing,
        { Value.Length: 0 } => Kind.Missing,
        { IsRetriable: true } => Kind.Retriable,
        { IsPermanent: true } => Kind.Permanent,
        _ => Kind.Unknown,
    };

    /// <summary>The meaning of a known value ("Oura limited how many requests Vital may send it"), or null.</summary>
    public static string? Meaning(PullErrorDetails details, string providerName) => details.Value switch
    {
        "provider_rate_limit_exceeded" => $"{providerName} limited how many requests Vital may send it in a given time (a rate limit)",
        "provider_unavailable" => $"{providerName}'s service was down or not answering",
        "transport_failure" => $"the network connection between Vital and {providerName} failed",
        "resource_contention" => "other work on the same data at Vital got in the way (resource contention)",
        "non_retriable_error" => "an error that retrying cannot fix",
        "unexpected_error" => "an error Vital did not expect, usually a problem on Vital's side",
        "retry_quota_exhausted" => "Vital retried as many times as it allows and then gave up",
        _ => null,
    };

    /// <summary>"Vital's reason: provider_unavailable (Oura's service was down or not answering)."</summary>
    public static string Reason(PullErrorDetails details, string providerName) =>
        Meaning(details, providerName) is { } meaning
            ? $"Vital's reason: {details.Value}, meaning {meaning}."
            : $"Vital's reason is {TextFormatter.Quote(details.Value)}, a value this dashboard does not know: Vital has probably added something new since this version was written, so pass it on to Vital support verbatim.";

    /// <summary>
    /// The value in words for a table cell: "Oura's service was down or not answering (Vital retries by itself)";
    /// an unknown value verbatim with a note; null for none.
    /// </summary>
    public static string? InWords(string? value, string providerName)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var details = new PullErrorDetails(value);
        var suffix = Classify(details) switch
        {
            Kind.Retriable => " (Vital retries by itself)",
            _ => string.Empty,
        };
        return Meaning(details, providerName) is { } meaning
            ? char.ToUpperInvariant(meaning[0]) + meaning[1..] + suffix
            : $"'{value}' (a value this dashboard does not know yet)";
    }

    public const string MissingReason =
        "Vital gave no reason: error details exist only on connections made since May 2025, so an older connection never has them.";
}
