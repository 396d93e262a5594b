namespace Vital.Simulator;

/// <summary>
/// The connection <c>error_type</c> values of the spec (an open enum) and the message a simulated connection carries
/// with each. The simulator's own list: it shares no model with the client it tests.
/// </summary>
internal static class ConnectionErrorTypes
{
    public const string TokenRefreshFailed = "token_refresh_failed";
    public const string WebhookRegistrationFailed = "webhook_registration_failed";
    public const string UserNotFound = "user_not_found";
    public const string DeregisteredPerProvider = "deregistered_per_provider";
    public const string RequiredScopesNotGranted = "required_scopes_not_granted";
    public const string ProviderCredentialError = "provider_credential_error";
    public const string ProviderPasswordExpired = "provider_password_expired";
    public const string Unknown = "unknown";

    /// <summary>A regular user's connection error, by how the provider is reached; <paramref name="roll"/> in [0, 100).</summary>
    public static string Draw(ProviderKind kind, int roll) => kind switch
    {
        ProviderKind.Password => roll switch { < 50 => ProviderCredentialError, < 90 => ProviderPasswordExpired, _ => Unknown },
        ProviderKind.Push => roll < 70 ? DeregisteredPerProvider : UserNotFound,
        _ => roll switch
        {
            < 50 => TokenRefreshFailed,
            < 60 => RequiredScopesNotGranted,
            < 70 => UserNotFound,
            < 80 => WebhookRegistrationFailed,
            _ => Unknown,
        },
    };

    public static string MessageFor(string errorType, string providerName) => errorType switch
    {
        TokenRefreshFailed => "Refresh token has been revoked",
        WebhookRegistrationFailed => $"Could not register the webhook subscription with {providerName}.",
        UserNotFound => $"{providerName} no longer knows this user.",
        DeregisteredPerProvider => $"The user has deregistered the connection per notification from {providerName}.",
        RequiredScopesNotGranted => "The user did not grant the scopes this connection requires.",
        ProviderCredentialError => $"{providerName} rejected the stored credentials.",
        ProviderPasswordExpired => $"The {providerName} password has expired; the user must update it and reconnect.",
        Unknown => "An unknown error occurred.",
        _ => $"{providerName}: {errorType.Replace('_', ' ')}.",
    };
}
