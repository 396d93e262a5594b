using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>What a connection's <c>error_type</c> means, in words a support person can repeat to a user.</summary>
public static class ConnectionErrorText
{
    /// <summary>What an error type means, in words a support person can repeat to a user; null for a value this version does not know.</summary>
    public static string? Meaning(ConnectionErrorType type, string provider) => type.Value switch
    {
        "token_refresh_failed" => $"{provider} no longer accepts Vital's access to the user's account (the user revoked it, changed their password, or the access expired)",
        "deregistered_per_provider" => $"{provider} de-registered the user from Vital",
        "required_scopes_not_granted" => $"the user did not grant {provider} permissions Vital needs",
        "provider_credential_error" => $"{provider} rejected the credentials Vital holds for the user",
        "provider_password_expired" => $"the user's {provider} password expired",
        "webhook_registration_failed" => $"Vital could not register for {provider}'s notifications about the user",
        "user_not_found" => $"{provider} no longer knows the user's account",
        "unknown" => "Vital does not know the cause",
        _ => null,
    };

    /// <summary>For a card: "Access revoked or expired"; an unknown value verbatim with a note; null for none.</summary>
    public static string? InWords(ConnectionErrorType? type, string provider)
    {
        if (type is not { } value || value.Value.Length == 0)
        {
            return null;
        }

        return Meaning(value, provider) is { } meaning
            ? char.ToUpperInvariant(meaning[0]) + meaning[1..]
            : $"{TextFormatter.Quote(value.Value)} (an error type this dashboard does not know yet)";
    }
}
