using System.Collections.Frozen;
using System.Text.Json.Serialization;

namespace Vital.Introspection;

/// <summary>Why a connection is in error. Open: unknown values are kept verbatim.</summary>
[JsonConverter(typeof(OpenStringJsonConverter<ConnectionErrorType>))]
public readonly record struct ConnectionErrorType : IOpenString<ConnectionErrorType>
{
    private static readonly FrozenSet<string> KnownValues = new[] { "token_refresh_failed", "webhook_registration_failed", "user_not_found", "deregistered_per_provider", "required_scopes_not_granted", "provider_credential_error", "provider_password_expired", "unknown" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly string? _value;

    public ConnectionErrorType(string value) => _value = value;

    public string Value => _value ?? string.Empty;

    /// <summary>The provider revoked the access (the user disconnected, or a token expired).</summary>
    public static ConnectionErrorType TokenRefreshFailed { get; } = new("token_refresh_failed");

    public static ConnectionErrorType WebhookRegistrationFailed { get; } = new("webhook_registration_failed");

    /// <summary>The provider no longer knows the user.</summary>
    public static ConnectionErrorType UserNotFound { get; } = new("user_not_found");

    /// <summary>The provider de-registered the user.</summary>
    public static ConnectionErrorType DeregisteredPerProvider { get; } = new("deregistered_per_provider");

    public static ConnectionErrorType RequiredScopesNotGranted { get; } = new("required_scopes_not_granted");

    public static ConnectionErrorType ProviderCredentialError { get; } = new("provider_credential_error");

    public static ConnectionErrorType ProviderPasswordExpired { get; } = new("provider_password_expired");

    /// <summary>Vital does not know either.</summary>
    public static ConnectionErrorType Unknown { get; } = new("unknown");

    public bool IsKnown => KnownValues.Contains(Value);

    public static ConnectionErrorType From(string value) => new(value);

    public bool Equals(ConnectionErrorType other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}
